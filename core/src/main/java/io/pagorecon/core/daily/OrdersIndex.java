package io.pagorecon.core.daily;

import io.pagorecon.core.money.Currency;
import io.pagorecon.core.reconcile.OrderStatus;
import io.pagorecon.core.reconcile.columns.OrderColumns;
import io.pagorecon.core.reconcile.internal.IdIndex;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The lookback index of one date's orders exports: what the daily runs of the following days need
 * to find the few earlier orders they touch without reading the exports again.
 *
 * <p>Layout (big-endian), three sections:
 *
 * <ol>
 *   <li><b>header</b>: magic, format, header length, the exports' version token
 *       ({@link DailyFiles#ordersVersion}), {@code laterCutoff} (the first instant after the date),
 *       row count {@code n}, CIP count {@code m}, window count {@code w}, key and row section
 *       lengths;
 *   <li><b>keys</b> (read whole, ~28 bytes per order): the row offsets ({@code n + 1} ints); the
 *       64-bit hash of every order id, sorted, with its row ({@code n} longs + ints); every CIP,
 *       sorted, with its row ({@code m} longs + ints); the "window" rows sorted by creation time
 *       with their status: every PENDING order (it may run out of its open hours on a later date)
 *       and every other order created at or after {@code laterCutoff} (its own date is later than
 *       the export's);
 *   <li><b>rows</b>: per order exactly the fields the engine reads (id, cip, amount in minor units,
 *       currency, status, created_at, line) and its position in file order, fetched by ranges.
 * </ol>
 *
 * <p>Rows are the date's orders, an order id kept once at the position of its last occurrence (the
 * lookback's "the latest export of an order wins" within a date), stored PENDING ones first: those
 * are what later runs mostly fetch, so their ranges stay short.
 */
final class OrdersIndex {

  static final int MAGIC = 0x504C4958;
  static final int FORMAT = 2;
  /** The first read of an index: the whole header unless its version token is unusually long. */
  static final int FIRST_READ = 64 * 1024;

  private static final Currency[] CURRENCIES = Currency.values();
  private static final OrderStatus[] STATUSES = OrderStatus.values();

  private OrdersIndex() {}

  /** Reads bytes of an index object: {@code [offset, offset + length)}, or fewer at its end. */
  interface Ranges {
    Optional<byte[]> read(long offset, int length);
  }

  /** The index of {@code day} (the date's orders as read, in file order). */
  static byte[] build(OrderColumns day, String version, long laterCutoff) {
    int total = day.size();
    IdIndex seen = new IdIndex(day.ids(), total);
    int[] keptDesc = new int[total];
    int n = 0;
    for (int i = total - 1; i >= 0; i--) {
      if (seen.putIfAbsent(i) < 0) {
        keptDesc[n++] = i;
      }
    }
    // storage order: the PENDING orders first, then the rest, each in file order. The orders a later
    // run fetches are mostly PENDING ones (paid late, or running out of their open hours), so its
    // ranges stay within the first block; each row keeps its file position for the lookback's order.
    int[] raw = new int[n];
    int[] position = new int[n];
    int q = 0;
    for (int pass = 0; pass < 2; pass++) {
      for (int p = 0; p < n; p++) {
        int i = keptDesc[n - 1 - p];
        if ((day.status(i) == OrderStatus.PENDING) == (pass == 0)) {
          raw[q] = i;
          position[q++] = p;
        }
      }
    }
    keptDesc = null;
    try {
      ByteArrayOutputStream rowBytes = new ByteArrayOutputStream(Math.max(64, n * 48));
      DataOutputStream rows = new DataOutputStream(rowBytes);
      int[] offsets = new int[n + 1];
      long[] idHash = new long[n];
      int[] idRow = new int[n];
      int m = 0;
      int w = 0;
      for (int p = 0; p < n; p++) {
        int i = raw[p];
        offsets[p] = rows.size();
        String id = day.orderId(i);
        byte[] idBytes = id == null ? null : id.getBytes(StandardCharsets.UTF_8);
        rows.writeInt(idBytes == null ? -1 : idBytes.length);
        if (idBytes != null) {
          rows.write(idBytes);
        }
        rows.writeLong(day.cip(i));
        rows.writeLong(day.amountMinor(i));
        rows.writeByte(day.currency(i).ordinal());
        rows.writeByte(day.status(i).ordinal());
        rows.writeLong(day.createdAt(i));
        rows.writeInt(day.line(i));
        rows.writeInt(position[p]);
        idHash[p] = day.ids().hash64(i);
        idRow[p] = p;
        if (day.hasCip(i)) {
          m++;
        }
        if (inWindow(day, i, laterCutoff)) {
          w++;
        }
      }
      offsets[n] = rows.size();
      rows.flush();
      long[] cips = new long[m];
      int[] cipRow = new int[m];
      long[] created = new long[w];
      int[] winRow = new int[w];
      byte[] winStatus = new byte[w];
      int c = 0;
      int x = 0;
      for (int p = 0; p < n; p++) {
        int i = raw[p];
        if (day.hasCip(i)) {
          cips[c] = day.cip(i);
          cipRow[c++] = p;
        }
        if (inWindow(day, i, laterCutoff)) {
          created[x] = day.createdAt(i);
          winRow[x++] = p;
        }
      }
      Pairs.sort(idHash, idRow);
      Pairs.sort(cips, cipRow);
      Pairs.sort(created, winRow);
      for (int k = 0; k < w; k++) {
        winStatus[k] = (byte) day.status(raw[winRow[k]]).ordinal();
      }

      ByteArrayOutputStream keyBytes = new ByteArrayOutputStream(4 * (n + 1) + 12 * n + 12 * m + 13 * w);
      DataOutputStream keys = new DataOutputStream(keyBytes);
      for (int o : offsets) {
        keys.writeInt(o);
      }
      writePairs(keys, idHash, idRow);
      writePairs(keys, cips, cipRow);
      writePairs(keys, created, winRow);
      keys.write(winStatus);
      keys.flush();

      byte[] token = version.getBytes(StandardCharsets.UTF_8);
      int headerLength = 4 + 4 + 4 + 4 + token.length + 8 + 4 + 4 + 4 + 8 + 8;
      ByteArrayOutputStream out = new ByteArrayOutputStream(headerLength + keyBytes.size() + rowBytes.size());
      DataOutputStream h = new DataOutputStream(out);
      h.writeInt(MAGIC);
      h.writeInt(FORMAT);
      h.writeInt(headerLength);
      h.writeInt(token.length);
      h.write(token);
      h.writeLong(laterCutoff);
      h.writeInt(n);
      h.writeInt(m);
      h.writeInt(w);
      h.writeLong(keyBytes.size());
      h.writeLong(rowBytes.size());
      h.flush();
      keyBytes.writeTo(out);
      rowBytes.writeTo(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean inWindow(OrderColumns day, int i, long laterCutoff) {
    return day.status(i) == OrderStatus.PENDING || day.createdAt(i) >= laterCutoff;
  }

  private static void writePairs(DataOutputStream out, long[] keys, int[] values) throws IOException {
    for (long k : keys) {
      out.writeLong(k);
    }
    for (int v : values) {
      out.writeInt(v);
    }
  }

  /** The header and key section of an index, held while the lookback runs. */
  static final class Keys {
    final String version;
    final long laterCutoff;
    final int n;
    final int[] offsets;
    final long[] idHash;
    final int[] idRow;
    long[] cips;
    int[] cipRow;
    long[] created;
    int[] winRow;
    byte[] winStatus;
    final long rowsStart;
    final long bytesRead;

    private Keys(String version, long laterCutoff, int n, int m, int w, ByteBuffer keys, long rowsStart, long bytesRead) {
      this.version = version;
      this.laterCutoff = laterCutoff;
      this.n = n;
      this.rowsStart = rowsStart;
      this.bytesRead = bytesRead;
      offsets = new int[n + 1];
      keys.asIntBuffer().get(offsets);
      keys.position(keys.position() + 4 * (n + 1));
      idHash = new long[n];
      idRow = new int[n];
      readPairs(keys, idHash, idRow);
      cips = new long[m];
      cipRow = new int[m];
      readPairs(keys, cips, cipRow);
      created = new long[w];
      winRow = new int[w];
      readPairs(keys, created, winRow);
      winStatus = new byte[w];
      keys.get(winStatus);
    }

    private static void readPairs(ByteBuffer in, long[] keys, int[] values) {
      in.asLongBuffer().get(keys);
      in.position(in.position() + 8 * keys.length);
      in.asIntBuffer().get(values);
      in.position(in.position() + 4 * values.length);
    }

    boolean windowRowIsPending(int k) {
      return STATUSES[winStatus[k]] == OrderStatus.PENDING;
    }

    /** Drops what only the first pass needs. */
    void dropFirstPassKeys() {
      cips = null;
      cipRow = null;
      created = null;
      winRow = null;
      winStatus = null;
    }
  }

  /** The header and keys; empty when there is no index, or it is not one this code reads. */
  static Optional<Keys> readKeys(Ranges ranges) {
    Optional<byte[]> first = ranges.read(0, FIRST_READ);
    if (first.isEmpty() || first.get().length < 12) {
      return Optional.empty();
    }
    ByteBuffer b = ByteBuffer.wrap(first.get());
    if (b.getInt() != MAGIC || b.getInt() != FORMAT) {
      return Optional.empty();
    }
    int headerLength = b.getInt();
    if (headerLength > first.get().length) {
      Optional<byte[]> whole = ranges.read(0, headerLength);
      if (whole.isEmpty() || whole.get().length < headerLength) {
        return Optional.empty();
      }
      b = ByteBuffer.wrap(whole.get());
      b.position(12);
    }
    byte[] token = new byte[b.getInt()];
    b.get(token);
    long laterCutoff = b.getLong();
    int n = b.getInt();
    int m = b.getInt();
    int w = b.getInt();
    long keysLength = b.getLong();
    long read = Math.min(FIRST_READ, first.get().length);
    ByteBuffer keys;
    if (headerLength + keysLength <= first.get().length) {
      keys = ByteBuffer.wrap(first.get(), headerLength, (int) keysLength).slice();
    } else {
      Optional<byte[]> k = ranges.read(headerLength, Math.toIntExact(keysLength));
      if (k.isEmpty() || k.get().length < keysLength) {
        return Optional.empty();
      }
      read += keysLength;
      keys = ByteBuffer.wrap(k.get());
    }
    return Optional.of(new Keys(new String(token, StandardCharsets.UTF_8), laterCutoff, n, m, w, keys, headerLength + keysLength, read));
  }

  /**
   * Fetches rows {@code sortedRows} (ascending, distinct) in as few ranges as reasonable: rows
   * closer than {@code gap} bytes are read in one range. Calls {@code each} per row in ascending
   * order. Returns the bytes read.
   */
  static long fetchRows(Keys keys, int[] sortedRows, int count, Ranges ranges, int gap, RowConsumer each) {
    long bytes = 0;
    int k = 0;
    while (k < count) {
      int first = sortedRows[k];
      int last = first;
      int e = k + 1;
      while (e < count && keys.offsets[sortedRows[e]] - keys.offsets[last + 1] <= gap) {
        last = sortedRows[e];
        e++;
      }
      int from = keys.offsets[first];
      int to = keys.offsets[last + 1];
      byte[] data = ranges.read(keys.rowsStart + from, to - from)
          .orElseThrow(() -> new IllegalStateException("the lookback index disappeared while it was read"));
      if (data.length < to - from) {
        throw new IllegalStateException("the lookback index is shorter than its keys say");
      }
      bytes += data.length;
      ByteBuffer b = ByteBuffer.wrap(data);
      for (int x = k; x < e; x++) {
        int row = sortedRows[x];
        b.position(keys.offsets[row] - from);
        int len = b.getInt();
        int idFrom = b.position();
        if (len > 0) {
          b.position(idFrom + len);
        }
        long cip = b.getLong();
        long amount = b.getLong();
        Currency currency = CURRENCIES[b.get()];
        OrderStatus status = STATUSES[b.get()];
        long created = b.getLong();
        int line = b.getInt();
        int position = b.getInt();
        each.row(row, position, data, idFrom, len, cip, amount, currency, status, created, line);
      }
      k = e;
    }
    return bytes;
  }

  /** One row as stored: its place in the index, its place among the date's orders in file order, its fields. */
  @FunctionalInterface
  interface RowConsumer {
    void row(int row, int position, byte[] data, int idFrom, int idLength, long cip, long amountMinor, Currency currency, OrderStatus status, long createdAt, int line);
  }

  /** Sorting a long key array with an int array alongside (no boxing). */
  static final class Pairs {
    private Pairs() {}

    static void sort(long[] keys, int[] values) {
      sort(keys, values, 0, keys.length - 1);
    }

    private static void sort(long[] k, int[] v, int lo, int hi) {
      while (lo < hi) {
        if (hi - lo < 16) {
          for (int i = lo + 1; i <= hi; i++) {
            long key = k[i];
            int val = v[i];
            int j = i - 1;
            while (j >= lo && (k[j] > key || (k[j] == key && v[j] > val))) {
              k[j + 1] = k[j];
              v[j + 1] = v[j];
              j--;
            }
            k[j + 1] = key;
            v[j + 1] = val;
          }
          return;
        }
        int mid = (lo + hi) >>> 1;
        long pk = k[mid];
        int pv = v[mid];
        int i = lo;
        int j = hi;
        while (i <= j) {
          while (k[i] < pk || (k[i] == pk && v[i] < pv)) {
            i++;
          }
          while (k[j] > pk || (k[j] == pk && v[j] > pv)) {
            j--;
          }
          if (i <= j) {
            long tk = k[i];
            k[i] = k[j];
            k[j] = tk;
            int tv = v[i];
            v[i] = v[j];
            v[j] = tv;
            i++;
            j--;
          }
        }
        if (j - lo < hi - i) {
          sort(k, v, lo, j);
          lo = i;
        } else {
          sort(k, v, i, hi);
          hi = j;
        }
      }
    }
  }
}
