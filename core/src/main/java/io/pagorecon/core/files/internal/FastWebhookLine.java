package io.pagorecon.core.files.internal;

import io.pagorecon.core.money.Currency;
import io.pagorecon.core.reconcile.Times;
import io.pagorecon.core.reconcile.WebhookReceipt;
import io.pagorecon.core.reconcile.columns.WebhookColumns;
import io.pagorecon.core.webhook.EventType;

/**
 * A {@code webhooks.jsonl} line of a {@code cip.paid} read straight from its bytes, without a JSON
 * parser: the keys in any order, any JSON spacing, but only the known keys ({@code receivedAt},
 * {@code body}; {@code eventType}, {@code operationNumber}, {@code data}; {@code cip}, {@code
 * currency}, {@code amount}, {@code paymentDate}, {@code transactionCode}), each once, with the
 * usual value forms (plain ASCII strings without escapes, a plain decimal amount). Anything else (an
 * escape, a number where a string is usual, an extra or repeated key, odd amounts or dates) is
 * declined and the caller takes the strict path ({@code NotificationParser}), so both paths always
 * give the same receipt.
 */
public final class FastWebhookLine {

  private static final int MAX_OPERATION = 64;
  private static final int MAX_CODE = 36;

  // the fields found, by bit
  private static final int RECEIVED = 1;
  private static final int BODY = 1 << 1;
  private static final int TYPE = 1 << 2;
  private static final int OPERATION = 1 << 3;
  private static final int DATA = 1 << 4;
  private static final int CIP = 1 << 5;
  private static final int CURRENCY = 1 << 6;
  private static final int AMOUNT = 1 << 7;
  private static final int DATE = 1 << 8;
  private static final int CODE = 1 << 9;
  private static final int ALL = (1 << 10) - 1;
  private static final int ALL_BUT_OPERATION = ALL & ~OPERATION;

  private final byte[] b;
  private final int e;
  private int p;
  private int seen;
  private long receivedAt;
  private long cip;
  private Currency currency;
  private long amount;
  private long paymentDate;
  private int codeFrom;
  private int codeTo;

  private FastWebhookLine(byte[] b, int s, int e) {
    this.b = b;
    this.p = s;
    this.e = e;
  }

  /** The receipt of bytes {@code [s, e)} (trimmed), or null when the line is not of the usual shape. */
  public static WebhookReceipt parse(byte[] b, int s, int e, int line) {
    WebhookColumns one = new WebhookColumns(1);
    return parseInto(b, s, e, line, one) ? one.get(0) : null;
  }

  /** Appends the line's receipt to {@code out} and returns true, or returns false (nothing added) when not of the usual shape. */
  public static boolean parseInto(byte[] b, int s, int e, int line, WebhookColumns out) {
    FastWebhookLine f = new FastWebhookLine(b, s, e);
    if (!f.object(0) || f.space() != e || (f.seen | OPERATION) != ALL) {
      return false;
    }
    out.add(f.cip, EventType.CIP_PAID, b, f.codeFrom, f.codeTo, f.amount, f.currency, f.paymentDate, f.receivedAt, line);
    return true;
  }

  /** An object at {@code p} of the given level (0 line, 1 body, 2 data); false when declined. */
  private boolean object(int level) {
    space();
    if (p >= e || b[p] != '{') {
      return false;
    }
    p++;
    space();
    if (p < e && b[p] == '}') {
      p++;
      return true;
    }
    while (true) {
      space();
      int ks = stringStart();
      if (ks < 0) {
        return false;
      }
      int ke = stringEnd();
      if (ke < 0) {
        return false;
      }
      space();
      if (p >= e || b[p] != ':') {
        return false;
      }
      p++;
      space();
      if (!value(level, ks, ke)) {
        return false;
      }
      space();
      if (p >= e) {
        return false;
      }
      if (b[p] == ',') {
        p++;
        continue;
      }
      if (b[p] == '}') {
        p++;
        return true;
      }
      return false;
    }
  }

  private boolean value(int level, int ks, int ke) {
    int field = field(level, ks, ke);
    if (field == 0 || (seen & field) != 0) {
      return false;
    }
    seen |= field;
    switch (field) {
      case BODY:
        return object(1);
      case DATA:
        return object(2);
      case AMOUNT:
        return amount();
      default:
        break;
    }
    int vs = stringStart();
    if (vs < 0) {
      return false;
    }
    int ve = stringEnd();
    if (ve < 0) {
      return false;
    }
    switch (field) {
      case RECEIVED:
        receivedAt = FastParse.timestamp(b, vs, ve);
        return receivedAt != FastParse.INVALID && receivedAt != Times.NONE;
      case TYPE:
        return is(vs, ve, "cip.paid");
      case OPERATION:
        return ve > vs && ve - vs <= MAX_OPERATION && plain(vs, ve);
      case CIP:
        cip = ve > vs ? FastParse.cip(b, vs, ve) : -1;
        return cip >= 0;
      case CURRENCY:
        currency = is(vs, ve, "PEN") ? Currency.PEN : is(vs, ve, "USD") ? Currency.USD : null;
        return currency != null;
      case DATE:
        paymentDate = FastParse.timestamp(b, vs, ve);
        return paymentDate != FastParse.INVALID && paymentDate != Times.NONE;
      case CODE:
        codeFrom = vs;
        codeTo = ve;
        return ve > vs && ve - vs <= MAX_CODE && plain(vs, ve);
      default:
        return false;
    }
  }

  private int field(int level, int ks, int ke) {
    switch (level) {
      case 0:
        return is(ks, ke, "receivedAt") ? RECEIVED : is(ks, ke, "body") ? BODY : 0;
      case 1:
        return is(ks, ke, "eventType") ? TYPE : is(ks, ke, "operationNumber") ? OPERATION : is(ks, ke, "data") ? DATA : 0;
      default:
        return is(ks, ke, "cip") ? CIP : is(ks, ke, "currency") ? CURRENCY : is(ks, ke, "amount") ? AMOUNT
            : is(ks, ke, "paymentDate") ? DATE : is(ks, ke, "transactionCode") ? CODE : 0;
    }
  }

  /** Skips JSON spacing; returns the position after it. */
  private int space() {
    while (p < e && (b[p] == ' ' || b[p] == '\t' || b[p] == '\r')) {
      p++;
    }
    return p;
  }

  /** Consumes an opening quote; the first byte of the string, or -1. */
  private int stringStart() {
    if (p >= e || b[p] != '"') {
      return -1;
    }
    return ++p;
  }

  /** Consumes the string up to its closing quote; its end, or -1 on an escape, a control or a non-ASCII byte. */
  private int stringEnd() {
    for (int i = p; i < e; i++) {
      byte c = b[i];
      if (c == '"') {
        p = i + 1;
        return i;
      }
      if (c == '\\' || c < 0x20 || c > 0x7e) {
        return -1;
      }
    }
    return -1;
  }

  private boolean amount() {
    int q = p;
    while (q < e && (b[q] >= '0' && b[q] <= '9' || b[q] == '.')) {
      q++;
    }
    amount = plainAmount(b, p, q);
    p = q;
    // a number ends at spacing, a comma or the closing brace: anything else (an exponent) declines
    return amount > 0 && q < e && (b[q] == ',' || b[q] == '}' || b[q] == ' ' || b[q] == '\t' || b[q] == '\r');
  }

  private boolean is(int s, int end, String word) {
    if (end - s != word.length()) {
      return false;
    }
    for (int i = 0; i < word.length(); i++) {
      if (b[s + i] != word.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** Printable ASCII without spaces: nothing that trimming or the control-character check could change. */
  private boolean plain(int s, int q) {
    for (int i = s; i < q; i++) {
      if (b[i] <= ' ' || b[i] > 0x7e) {
        return false;
      }
    }
    return true;
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
}
