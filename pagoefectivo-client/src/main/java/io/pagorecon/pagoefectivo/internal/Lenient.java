package io.pagorecon.pagoefectivo.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.pagorecon.core.money.Currency;
import io.pagorecon.core.money.Money;
import io.pagorecon.core.time.Timestamps;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Lenient reading where PagoEfectivo is inconsistent: {@code code} and {@code cip} as string or
 * number, amounts without trailing zeros, dates with a space or {@code T}, absent dates as null,
 * missing or empty.
 */
public final class Lenient {

  private static final Pattern CIP = Pattern.compile("^[0-9]{1,14}$");

  private Lenient() {}

  public static Optional<String> text(JsonNode n) {
    if (n == null || n.isNull() || n.isMissingNode() || n.isContainerNode()) {
      return Optional.empty();
    }
    String s = n.isNumber() ? n.decimalValue().toPlainString() : n.asText();
    return s.isBlank() ? Optional.empty() : Optional.of(s.trim());
  }

  /** {@code "100"} or {@code 100}. */
  public static OptionalInt code(JsonNode n) {
    Optional<String> t = text(n);
    if (t.isPresent() && t.get().matches("^-?[0-9]{1,9}$")) {
      return OptionalInt.of(Integer.parseInt(t.get()));
    }
    return OptionalInt.empty();
  }

  /** {@code 11546901} or {@code "11546901"}; empty when it is not 1–14 digits. */
  public static Optional<String> cip(JsonNode n) {
    if (n != null && n.isIntegralNumber()) {
      return Optional.of(n.bigIntegerValue().toString()).filter(s -> CIP.matcher(s).matches());
    }
    return text(n).filter(s -> CIP.matcher(s).matches());
  }

  public static boolean isCip(String s) {
    return s != null && CIP.matcher(s).matches();
  }

  /** An amount as a number ({@code 22.5}, {@code 1}) or a decimal string, with its currency. */
  public static Optional<Money> money(JsonNode amount, JsonNode currency) {
    Optional<Currency> cur = text(currency).flatMap(Currency::parse);
    if (cur.isEmpty() || amount == null) {
      return Optional.empty();
    }
    Optional<BigDecimal> value = amount.isNumber()
        ? Money.toScale2(amount.decimalValue())
        : text(amount).flatMap(Money::parseAmount);
    return value.map(v -> new Money(v, cur.get()));
  }

  public static Optional<OffsetDateTime> date(JsonNode n) {
    return text(n).flatMap(Timestamps::parse);
  }
}
