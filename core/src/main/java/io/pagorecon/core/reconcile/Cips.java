package io.pagorecon.core.reconcile;

/** CIP codes are 1 to 14 digits: the engine keeps them as numbers. */
public final class Cips {

  public static final int MAX_DIGITS = 14;

  private Cips() {}

  /** The CIP as a number; {@link Order#NO_CIP} for null or blank; throws on anything else. */
  public static long parse(String text) {
    if (text == null || text.isBlank()) {
      return Order.NO_CIP;
    }
    String s = text.trim();
    if (s.length() > MAX_DIGITS || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException("a CIP is 1 to 14 digits");
    }
    return Long.parseLong(s);
  }

  public static String format(long cip) {
    return cip == Order.NO_CIP ? "" : Long.toString(cip);
  }
}
