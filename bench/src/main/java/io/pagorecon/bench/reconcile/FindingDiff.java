package io.pagorecon.bench.reconcile;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** A short, readable difference between two sorted finding lists. */
public final class FindingDiff {

  private FindingDiff() {}

  public static void print(List<Finding> ours, List<Finding> theirs, PrintStream out) {
    TreeSet<Finding> onlyOurs = new TreeSet<>(ours);
    onlyOurs.removeAll(theirs);
    TreeSet<Finding> onlyTheirs = new TreeSet<>(theirs);
    onlyTheirs.removeAll(ours);
    out.println("only in pagorecon (" + onlyOurs.size() + "): " + first(onlyOurs));
    out.println("only in duckdb (" + onlyTheirs.size() + "): " + first(onlyTheirs));
  }

  private static List<String> first(TreeSet<Finding> s) {
    List<String> l = new ArrayList<>();
    for (Finding f : s) {
      if (l.size() == 10) {
        break;
      }
      l.add(f.toLine());
    }
    return l;
  }
}
