package io.pagorecon.core.reconcile;

/** A stable merge sort of an {@code int[]} by a comparator of its values, without boxing. */
final class IntSort {

  @FunctionalInterface
  interface IntComparator {
    int compare(int a, int b);
  }

  private IntSort() {}

  static void sort(int[] a, IntComparator cmp) {
    int[] tmp = a.clone();
    mergeSort(tmp, a, 0, a.length, cmp);
  }

  /** Sorts {@code src[from, to)} into {@code dst[from, to)}; both hold the same values on entry. */
  private static void mergeSort(int[] src, int[] dst, int from, int to, IntComparator cmp) {
    int n = to - from;
    if (n < 16) {
      for (int i = from + 1; i < to; i++) {
        int v = dst[i];
        int j = i - 1;
        while (j >= from && cmp.compare(dst[j], v) > 0) {
          dst[j + 1] = dst[j];
          j--;
        }
        dst[j + 1] = v;
      }
      return;
    }
    int mid = (from + to) >>> 1;
    mergeSort(dst, src, from, mid, cmp);
    mergeSort(dst, src, mid, to, cmp);
    if (cmp.compare(src[mid - 1], src[mid]) <= 0) {
      System.arraycopy(src, from, dst, from, n);
      return;
    }
    for (int i = from, p = from, q = mid; i < to; i++) {
      if (q >= to || (p < mid && cmp.compare(src[p], src[q]) <= 0)) {
        dst[i] = src[p++];
      } else {
        dst[i] = src[q++];
      }
    }
  }
}
