package io.pagorecon.cli.demo;

import io.pagorecon.core.reconcile.Discrepancy;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares what reconciliation found with a scenario's {@code ground-truth.csv}
 * ({@code category,order_id,cip}). A finding naming several CIPs ({@code a;b}, for
 * DUPLICATE_PAYMENT) matches the expected row whose CIP is one of them.
 */
public final class GroundTruth {

  /** One expected or found row. */
  public record Row(String category, String orderId, String cip) implements Comparable<Row> {
    @Override
    public int compareTo(Row o) {
      return (category + "," + orderId + "," + cip).compareTo(o.category + "," + o.orderId + "," + o.cip);
    }

    @Override
    public String toString() {
      return category + "," + orderId + "," + cip;
    }
  }

  /** Missing: expected but not found; unexpected: found but not expected. Equal when both are empty. */
  public record Comparison(int expected, int found, List<Row> missing, List<Row> unexpected) {
    public boolean equal() {
      return missing.isEmpty() && unexpected.isEmpty();
    }
  }

  private GroundTruth() {}

  public static Set<Row> read(Reader in) throws IOException {
    Set<Row> rows = new TreeSet<>();
    BufferedReader r = new BufferedReader(in);
    String header = r.readLine();
    if (header == null || !header.strip().equals("category,order_id,cip")) {
      throw new IOException("ground truth: the header must be category,order_id,cip");
    }
    String line;
    while ((line = r.readLine()) != null) {
      if (!line.isBlank()) {
        String[] f = line.split(",", -1);
        if (f.length != 3) {
          throw new IOException("ground truth: not three fields: " + line);
        }
        rows.add(new Row(f[0], f[1], f[2]));
      }
    }
    return rows;
  }

  public static Comparison compare(Set<Row> expected, Collection<Discrepancy> found) {
    return compareRows(expected, found.stream().map(d -> new Row(d.category().name(), d.orderId(), d.cip())).toList());
  }

  /** As {@link #compare}, for findings read back from a report's category, order_id and cip columns. */
  public static Comparison compareRows(Set<Row> expected, List<Row> found) {
    Set<Row> unmatched = new TreeSet<>(expected);
    List<Row> unexpected = new ArrayList<>();
    for (Row d : found) {
      String category = d.category();
      Row hit = null;
      for (String cip : d.cip().split(";", -1)) {
        Row candidate = new Row(category, d.orderId(), cip);
        if (unmatched.contains(candidate)) {
          hit = candidate;
          break;
        }
      }
      if (hit != null) {
        unmatched.remove(hit);
      } else {
        unexpected.add(d);
      }
    }
    unexpected.sort(null);
    return new Comparison(expected.size(), found.size(), List.copyOf(unmatched), unexpected);
  }
}
