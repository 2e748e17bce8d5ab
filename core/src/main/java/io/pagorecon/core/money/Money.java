package io.pagorecon.core.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.Optional;

/**
 * An exact amount in currency units (not cents) at scale 2, with its currency.
 *
 * <p>This is the one place where amounts are scaled: PagoEfectivo drops trailing zeros ({@code
 * 22.5}, {@code 1}), so every amount is brought to scale 2 here and compared with {@code
 * compareTo}. An amount with more than two significant decimals is not a valid amount, never
 * rounded silently.
 */
public record Money(BigDecimal amount, Currency currency) implements Comparable<Money> {

  /** PagoEfectivo's N(18,2): at most 16 integer digits. */
  public static final int MAX_INTEGER_DIGITS = 16;

  public Money {
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(currency, "currency");
    BigDecimal given = amount;
    amount = toScale2(given).orElseThrow(() -> new IllegalArgumentException("not an amount at scale 2: " + given.toPlainString()));
  }

  public static Money of(String amount, Currency currency) {
    return new Money(new BigDecimal(amount), currency);
  }

  /**
   * Brings a decimal to scale 2 exactly; empty when it has more than two significant decimals or
   * more than {@link #MAX_INTEGER_DIGITS} integer digits.
   */
  public static Optional<BigDecimal> toScale2(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    if (stripped.scale() > 2) {
      return Optional.empty();
    }
    BigDecimal scaled = value.setScale(2, RoundingMode.UNNECESSARY);
    if (scaled.precision() - scaled.scale() > MAX_INTEGER_DIGITS) {
      return Optional.empty();
    }
    return Optional.of(scaled);
  }

  /**
   * Parses a decimal string in currency units ({@code 160.35}); empty for anything else (cents
   * markers, exponents, grouping separators, more than two decimals).
   */
  public static Optional<BigDecimal> parseAmount(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String s = text.trim();
    if (s.isEmpty() || s.length() > 40) {
      return Optional.empty();
    }
    int i = 0;
    if (s.charAt(0) == '-' || s.charAt(0) == '+') {
      i = 1;
    }
    boolean digits = false;
    boolean dot = false;
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        digits = true;
      } else if (c == '.' && !dot) {
        dot = true;
      } else {
        return Optional.empty();
      }
    }
    if (!digits) {
      return Optional.empty();
    }
    return toScale2(new BigDecimal(s));
  }

  public long minorUnits() {
    return amount.movePointRight(2).longValueExact();
  }

  public static Money ofMinor(long minorUnits, Currency currency) {
    return new Money(BigDecimal.valueOf(minorUnits, 2), currency);
  }

  public boolean isNegative() {
    return amount.signum() < 0;
  }

  public Money plus(Money other) {
    requireSameCurrency(other);
    return new Money(amount.add(other.amount), currency);
  }

  /** True when one amount is exactly 100 times the other: a cents-vs-units confusion. */
  public boolean isHundredfoldOf(Money other) {
    BigDecimal hundred = BigDecimal.valueOf(100);
    return amount.signum() != 0
        && (amount.compareTo(other.amount.multiply(hundred)) == 0
            || other.amount.compareTo(amount.multiply(hundred)) == 0);
  }

  @Override
  public int compareTo(Money other) {
    requireSameCurrency(other);
    return amount.compareTo(other.amount);
  }

  private void requireSameCurrency(Money other) {
    if (currency != other.currency) {
      throw new IllegalArgumentException("currency mismatch: " + currency + " vs " + other.currency);
    }
  }

  /** The amount as written in files and reports: {@code 160.35}. */
  public String toPlainString() {
    return amount.toPlainString();
  }

  @Override
  public String toString() {
    return amount.toPlainString() + " " + currency;
  }
}
