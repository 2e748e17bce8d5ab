package io.pagorecon.bench.reconcile;

import java.util.Comparator;

/** What both implementations must agree on: one discrepancy row's identity (category, order id, CIP). */
public record Finding(String category, String orderId, String cip) implements Comparable<Finding> {

  private static final Comparator<Finding> ORDER =
      Comparator.comparing(Finding::category).thenComparing(Finding::orderId).thenComparing(Finding::cip);

  @Override
  public int compareTo(Finding other) {
    return ORDER.compare(this, other);
  }

  public String toLine() {
    return category + "," + orderId + "," + cip;
  }

  public static Finding parseLine(String line) {
    String[] f = line.split(",", -1);
    if (f.length != 3) {
      throw new IllegalArgumentException("not a finding line: " + line);
    }
    return new Finding(f[0], f[1], f[2]);
  }
}
