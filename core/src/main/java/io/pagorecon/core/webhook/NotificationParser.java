package io.pagorecon.core.webhook;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.pagorecon.core.ErrorCode;
import io.pagorecon.core.money.Currency;
import io.pagorecon.core.money.Money;
import io.pagorecon.core.time.Timestamps;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * Reads a notification body leniently where PagoEfectivo is inconsistent ({@code cip} as string or
 * number, {@code amount} as number or string with or without trailing zeros, optional {@code
 * paymentDate}/{@code transactionCode}) and strictly everywhere else: duplicate keys, trailing
 * content, deep nesting and malformed UTF-8 are rejected, because a body that two parsers could read
 * differently is a forgery vector.
 */
public final class NotificationParser {

  private static final JsonFactory JSON =
      JsonFactory.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .streamReadConstraints(
              StreamReadConstraints.builder().maxNestingDepth(8).maxNumberLength(40).maxStringLength(65_536).build())
          .build();

  private static final int MAX_CIP_DIGITS = 14;
  private static final int MAX_TEXT = 64;

  /** Parses a body whose signature has already been verified. */
  public Notification parse(byte[] body) throws InvalidNotificationException {
    return parse(body, 0, body.length);
  }

  /** Parses {@code length} bytes of {@code buffer} from {@code offset} (a body inside a larger file). */
  public Notification parse(byte[] buffer, int offset, int length) throws InvalidNotificationException {
    Fields top = new Fields();
    Fields data = null;
    try (JsonParser p = JSON.createParser(buffer, offset, length)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw malformed("the body is not a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if ("data".equals(name) && value == JsonToken.START_OBJECT) {
          data = readFlatObject(p, "data");
        } else if ("data".equals(name) && value == JsonToken.VALUE_NULL) {
          data = null;
        } else if ("data".equals(name)) {
          throw new InvalidNotificationException(ErrorCode.INVALID_FIELD, "data", "data must be an object");
        } else {
          top.put(name, scalar(p, name));
        }
      }
      if (p.nextToken() != null) {
        throw malformed("content after the JSON object");
      }
    } catch (InvalidNotificationException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw malformed("the body is not valid JSON");
    }

    String rawType = top.text("eventType");
    if (rawType == null || rawType.isBlank()) {
      throw new InvalidNotificationException(ErrorCode.MISSING_FIELD, "eventType", "eventType is required");
    }
    if (rawType.length() > MAX_TEXT) {
      throw invalid("eventType", "eventType is too long");
    }
    EventType type = EventType.fromWire(rawType);
    Optional<String> operationNumber = optionalText(top, "operationNumber", "operationNumber");

    if (data == null) {
      if (type != EventType.OTHER) {
        throw new InvalidNotificationException(ErrorCode.MISSING_FIELD, "data", "data is required");
      }
      return new Notification(rawType, type, Optional.empty(), operationNumber, Optional.empty(), Optional.empty(), Optional.empty());
    }

    Optional<String> cip = cip(data);
    if (cip.isEmpty() && type != EventType.OTHER) {
      throw new InvalidNotificationException(ErrorCode.MISSING_FIELD, "data.cip", "data.cip is required");
    }
    Optional<Money> amount = money(data, type == EventType.CIP_PAID);
    Optional<OffsetDateTime> paymentDate = Optional.empty();
    String dateText = data.text("paymentDate");
    if (dateText != null && !dateText.isBlank()) {
      paymentDate = Optional.of(Timestamps.parse(dateText).orElseThrow(() -> invalid("data.paymentDate", "paymentDate is not a timestamp with an offset")));
    }
    Optional<String> transactionCode = optionalText(data, "transactionCode", "data.transactionCode");
    if (transactionCode.isPresent() && transactionCode.get().length() > 36) {
      throw invalid("data.transactionCode", "transactionCode is longer than 36 characters");
    }
    return new Notification(rawType, type, cip, operationNumber, amount, paymentDate, transactionCode);
  }

  private static Optional<String> cip(Fields data) throws InvalidNotificationException {
    Object raw = data.get("cip");
    if (raw == null) {
      return Optional.empty();
    }
    String text;
    if (raw instanceof BigDecimal number) {
      if (number.signum() < 0 || number.stripTrailingZeros().scale() > 0) {
        throw invalid("data.cip", "cip must be a whole number");
      }
      text = number.toBigInteger().toString();
    } else if (raw instanceof String s) {
      text = s.trim();
    } else {
      throw invalid("data.cip", "cip must be a string or a number");
    }
    if (text.isEmpty() || text.length() > MAX_CIP_DIGITS || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw invalid("data.cip", "cip must be 1 to 14 digits");
    }
    return Optional.of(text);
  }

  private static Optional<Money> money(Fields data, boolean required) throws InvalidNotificationException {
    Object rawAmount = data.get("amount");
    String currencyText = data.text("currency");
    if (rawAmount == null && currencyText == null) {
      if (required) {
        throw new InvalidNotificationException(ErrorCode.MISSING_FIELD, "data.amount", "data.amount is required");
      }
      return Optional.empty();
    }
    if (rawAmount == null) {
      throw new InvalidNotificationException(ErrorCode.MISSING_FIELD, "data.amount", "data.amount is required");
    }
    if (currencyText == null) {
      throw new InvalidNotificationException(ErrorCode.MISSING_FIELD, "data.currency", "data.currency is required");
    }
    Currency currency = Currency.parse(currencyText).orElseThrow(() -> invalid("data.currency", "currency must be PEN or USD"));
    Optional<BigDecimal> amount;
    if (rawAmount instanceof BigDecimal number) {
      amount = Money.toScale2(number);
    } else if (rawAmount instanceof String s) {
      amount = Money.parseAmount(s);
    } else {
      throw new InvalidNotificationException(ErrorCode.INVALID_AMOUNT, "data.amount", "amount must be a number");
    }
    BigDecimal value = amount.orElseThrow(() -> new InvalidNotificationException(ErrorCode.INVALID_AMOUNT, "data.amount", "amount must have at most 2 decimals and 16 integer digits"));
    if (value.signum() <= 0) {
      throw new InvalidNotificationException(ErrorCode.INVALID_AMOUNT, "data.amount", "amount must be positive");
    }
    return Optional.of(new Money(value, currency));
  }

  private static Optional<String> optionalText(Fields f, String name, String path) throws InvalidNotificationException {
    Object raw = f.get(name);
    if (raw == null) {
      return Optional.empty();
    }
    String text;
    if (raw instanceof String s) {
      text = s.trim();
    } else if (raw instanceof BigDecimal n) {
      text = n.toPlainString(); // some clients type operationNumber as an int
    } else {
      throw invalid(path, name + " must be a string");
    }
    if (text.length() > MAX_TEXT || text.chars().anyMatch(Character::isISOControl)) {
      throw invalid(path, name + " is too long or has control characters");
    }
    return text.isEmpty() ? Optional.empty() : Optional.of(text);
  }

  private static Fields readFlatObject(JsonParser p, String path) throws IOException, InvalidNotificationException {
    Fields f = new Fields();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      f.put(name, scalar(p, path + "." + name));
    }
    return f;
  }

  /** A scalar as String, BigDecimal, Boolean or null; nested values are skipped as unknown extras. */
  private static Object scalar(JsonParser p, String path) throws IOException {
    JsonToken t = p.currentToken();
    switch (t) {
      case VALUE_STRING:
        return p.getText();
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return p.getDecimalValue();
      case VALUE_TRUE:
      case VALUE_FALSE:
        return Boolean.valueOf(t == JsonToken.VALUE_TRUE);
      case VALUE_NULL:
        return null;
      default:
        p.skipChildren();
        return Fields.NESTED;
    }
  }

  private static InvalidNotificationException malformed(String message) {
    return new InvalidNotificationException(ErrorCode.MALFORMED_JSON, null, message);
  }

  private static InvalidNotificationException invalid(String field, String message) {
    return new InvalidNotificationException(ErrorCode.INVALID_FIELD, field, message);
  }

  /** Field values of one object level. */
  private static final class Fields {
    static final Object NESTED = new Object();
    private final java.util.HashMap<String, Object> values = new java.util.HashMap<>();

    void put(String name, Object value) {
      values.put(name, value);
    }

    Object get(String name) {
      Object v = values.get(name);
      return v == NESTED ? Boolean.FALSE : v; // a nested value where a scalar belongs is a wrong type
    }

    String text(String name) {
      Object v = get(name);
      return v instanceof String s ? s : (v == null ? null : v.toString());
    }
  }
}
