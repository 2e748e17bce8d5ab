package io.pagorecon.core.files.internal;

import io.pagorecon.core.money.Currency;
import io.pagorecon.core.reconcile.Times;
import io.pagorecon.core.reconcile.WebhookReceipt;
import io.pagorecon.core.webhook.EventType;
import java.nio.charset.StandardCharsets;

/**
 * The common shape of a {@code webhooks.jsonl} line read straight from bytes, without a JSON
 * parser: exactly the keys, order and value forms the webhook function and the generator write,
 * plain ASCII, no escapes. Anything else (another order, an escape, a number where a string is
 * usual, extra fields, odd amounts or dates) returns null and the caller takes the strict path
 * ({@code NotificationParser}), so both paths always give the same receipt.
 */
public final class FastWebhookLine {

  private static final byte[] P_RECEIVED = ascii("{\"receivedAt\":\"");
  private static final byte[] P_BODY = ascii("\",\"body\":{\"eventType\":\"cip.paid\",\"operationNumber\":\"");
  private static final byte[] P_CIP = ascii("\",\"data\":{\"cip\":\"");
  private static final byte[] P_CURRENCY = ascii("\",\"currency\":\"");
  private static final byte[] P_AMOUNT = ascii("\",\"amount\":");
  private static final byte[] P_DATE = ascii(",\"paymentDate\":\"");
  private static final byte[] P_CODE = ascii("\",\"transactionCode\":\"");
  private static final byte[] P_END = ascii("\"}}}");

  private static final int MAX_OPERATION = 64;
  private static final int MAX_CODE = 36;

  private FastWebhookLine() {}

  /** The receipt of bytes {@code [s, e)} (trimmed), or null when the line is not of the common shape. */
  public static WebhookReceipt parse(byte[] b, int s, int e, int line) {
    int p = expect(b, s, e, P_RECEIVED);
    if (p < 0) {
      return null;
    }
    int q = stringEnd(b, p, e);
    if (q < 0) {
      return null;
    }
    long receivedAt = FastParse.timestamp(b, p, q);
    if (receivedAt == FastParse.INVALID || receivedAt == Times.NONE) {
      return null;
    }
    p = expect(b, q, e, P_BODY);
    if (p < 0) {
      return null;
    }
    q = stringEnd(b, p, e);
    if (q < 0 || q - p > MAX_OPERATION || !plain(b, p, q)) {
      return null;
    }
    p = expect(b, q, e, P_CIP);
    if (p < 0) {
      return null;
    }
    q = stringEnd(b, p, e);
    if (q < 0 || q == p) {
      return null;
    }
    long cip = FastParse.cip(b, p, q);
    if (cip < 0) {
      return null;
    }
    p = expect(b, q, e, P_CURRENCY);
    if (p < 0 || p + 3 > e) {
      return null;
    }
    Currency currency = currency(b, p);
    if (currency == null) {
      return null;
    }
    p = expect(b, p + 3, e, P_AMOUNT);
    if (p < 0) {
      return null;
    }
    q = p;
    while (q < e && (b[q] >= '0' && b[q] <= '9' || b[q] == '.')) {
      q++;
    }
    long amount = plainAmount(b, p, q);
    if (amount <= 0) {
      return null;
    }
    p = expect(b, q, e, P_DATE);
    if (p < 0) {
      return null;
    }
    q = stringEnd(b, p, e);
    if (q < 0) {
      return null;
    }
    long paymentDate = FastParse.timestamp(b, p, q);
    if (paymentDate == FastParse.INVALID || paymentDate == Times.NONE) {
      return null;
    }
    p = expect(b, q, e, P_CODE);
    if (p < 0) {
      return null;
    }
    q = stringEnd(b, p, e);
    if (q < 0 || q == p || q - p > MAX_CODE || !plain(b, p, q)) {
      return null;
    }
    String code = new String(b, p, q - p, StandardCharsets.ISO_8859_1);
    if (expect(b, q, e, P_END) != e) {
      return null;
    }
    return new WebhookReceipt(cip, EventType.CIP_PAID, code, amount, currency, paymentDate, receivedAt, line);
  }

  /** Index after {@code prefix} when it is at {@code p}, else -1. */
  private static int expect(byte[] b, int p, int e, byte[] prefix) {
    if (p + prefix.length > e) {
      return -1;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (b[p + i] != prefix[i]) {
        return -1;
      }
    }
    return p + prefix.length;
  }

  /** Index of the closing quote of a string starting at {@code p}; -1 on an escape, a control or a non-ASCII byte. */
  private static int stringEnd(byte[] b, int p, int e) {
    for (int i = p; i < e; i++) {
      byte c = b[i];
      if (c == '"') {
        return i;
      }
      if (c == '\\' || c < 0x20 || c > 0x7e) {
        return -1;
      }
    }
    return -1;
  }

  /** Printable ASCII without spaces: nothing that trimming or the control-character check could change. */
  private static boolean plain(byte[] b, int p, int q) {
    for (int i = p; i < q; i++) {
      if (b[i] <= ' ' || b[i] > 0x7e) {
        return false;
      }
    }
    return true;
  }

  private static Currency currency(byte[] b, int p) {
    if (b[p] == 'P' && b[p + 1] == 'E' && b[p + 2] == 'N') {
      return Currency.PEN;
    }
    if (b[p] == 'U' && b[p + 1] == 'S' && b[p + 2] == 'D') {
      return Currency.USD;
    }
    return null;
  }

  /** {@code [1-9]\d{0,15}(\.\d{1,2})?} or {@code 0\.\d{1,2}} as minor units; -1 for any other form. */
  private static long plainAmount(byte[] b, int p, int q) {
    int dot = -1;
    for (int i = p; i < q; i++) {
      if (b[i] == '.') {
        if (dot >= 0) {
          return -1;
        }
        dot = i;
      }
    }
    int intEnd = dot < 0 ? q : dot;
    int intDigits = intEnd - p;
    if (intDigits < 1 || intDigits > 16 || (b[p] == '0' && intDigits > 1)) {
      return -1;
    }
    if (dot >= 0 && (q - dot - 1 < 1 || q - dot - 1 > 2)) {
      return -1;
    }
    if (b[p] == '0' && dot < 0) {
      return -1;
    }
    long units = 0;
    for (int i = p; i < intEnd; i++) {
      units = units * 10 + (b[i] - '0');
    }
    long cents = 0;
    if (dot >= 0) {
      cents = (b[dot + 1] - '0') * 10L;
      if (q - dot - 1 == 2) {
        cents += b[dot + 2] - '0';
      }
    }
    return units * 100 + cents;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
