package io.pagorecon.core.reconcile.columns;

import java.util.Arrays;

/**
 * Source line numbers of the rows, kept only where they do not follow on from the row before (the
 * first row of a chunk, after blank lines or a quoted line break): a handful of entries per file
 * instead of 4 bytes per row. They are only read for error messages.
 */
public final class LineColumn {

  private int[] rows = new int[4];
  private int[] lines = new int[4];
  private int breaks;
  private int size;
  private int last = Integer.MIN_VALUE;

  public int size() {
    return size;
  }

  public void add(int line) {
    if (breaks == 0 || line != last + 1) {
      if (breaks == rows.length) {
        rows = Arrays.copyOf(rows, breaks * 2);
        lines = Arrays.copyOf(lines, breaks * 2);
      }
      rows[breaks] = size;
      lines[breaks++] = line;
    }
    last = line;
    size++;
  }

  public void addAll(LineColumn other) {
    for (int b = 0; b < other.breaks; b++) {
      int first = other.rows[b];
      int line = other.lines[b];
      int end = b + 1 < other.breaks ? other.rows[b + 1] : other.size;
      // a break of the other column may now follow on from this column's last row: add() decides
      add(line);
      size += end - first - 1;
      last = line + (end - first - 1);
    }
  }

  public int get(int row) {
    int b = Arrays.binarySearch(rows, 0, breaks, row);
    if (b < 0) {
      b = -b - 2;
    }
    return lines[b] + (row - rows[b]);
  }
}
