package io.pagorecon.core.daily;

import io.pagorecon.core.files.InputFileException;
import io.pagorecon.core.files.OrdersCsvReader;
import io.pagorecon.core.files.ReconcileFiles;
import io.pagorecon.core.reconcile.Times;
import io.pagorecon.core.reconcile.columns.OrderColumns;
import io.pagorecon.core.reconcile.columns.RowBudget;
import io.pagorecon.core.reconcile.columns.StringColumn;
import io.pagorecon.core.reconcile.internal.IdIndex;
import io.pagorecon.core.time.BusinessCalendar;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The earlier orders a daily run needs, found through the lookback indexes ({@link OrdersIndex})
 * instead of reading every earlier export whole.
 *
 * <p>Which earlier orders can change a finding of date D (docs/reconciliation.md "Lookback"): an
 * order reaches the engine's rules only through a statement row or a webhook naming its id (the
 * transaction code) or its CIP; otherwise it can only be RECORDED_NOT_PAID on its creation date, be
 * counted on its creation date, or run out of its open hours (EXPIRED_ORDER_OPEN, PENDING only).
 * So the run takes, from each earlier date: the orders whose id is a code of the date's inputs that
 * no own order has, whose CIP is a CIP of the inputs, and the "window" orders (PENDING and created
 * at most the open hours before D, or created on or after D); then every version of those ids in
 * the other earlier dates, so the newest version wins exactly as in the full read. Orders left out
 * are ones the full read adds that touch nothing of D: the reports are byte-identical
 * ({@code LookbackIndexEquivalenceTest}).
 *
 * <p>A date whose index is missing, stale (its exports changed: {@link DailyFiles#ordersVersion})
 * or unreadable is read whole as before, and its index is written from that read.
 */
final class Lookback {

  /**
   * Rows closer than this many bytes in an index are fetched in one range request: reading 64 KiB
   * more costs less than another GET's latency (tens of ms on S3).
   */
  static final int GAP = 64 * 1024;

  /** What a run read, for the outcome and the bench. */
  record Stats(int indexedDays, int fullReadDays, int daysWithoutExports, long indexBytesRead, long ordersFetched, long ordersAdded) {}

  private final DailyFiles files;
  private final LookbackIndexStore store;
  private final OrdersCsvReader reader;
  private final BusinessCalendar calendar;
  private final Duration openOrderFor;
  private final int days;

  private int indexedDays;
  private int fullReadDays;
  private int daysWithoutExports;
  private long bytesRead;
  private long fetched;
  private long added;

  Lookback(DailyFiles files, LookbackIndexStore store, OrdersCsvReader reader, BusinessCalendar calendar, Duration openOrderFor, int days) {
    this.files = files;
    this.store = store;
    this.reader = reader;
    this.calendar = calendar;
    this.openOrderFor = openOrderFor;
    this.days = days;
  }

  Stats stats() {
    return new Stats(indexedDays, fullReadDays, daysWithoutExports, bytesRead, fetched, added);
  }

  /** The index of a date's own exports as just read ({@code version} taken before they were listed). */
  void writeIndex(LocalDate date, OrderColumns own, Optional<String> version) {
    if (version.isPresent()) {
      store.put(date, OrdersIndex.build(own, version.get(), laterCutoff(date)));
    }
  }

  private long laterCutoff(LocalDate date) {
    return calendar.startOf(date.plusDays(1)).toEpochMilli();
  }

  /**
   * Appends to {@code orders} the earlier orders the inputs touch, in the order the full read adds
   * them (newest date first, last line of a date first), skipping ids already in {@code taken}.
   *
   * @param codes the codes of the inputs no order of the date has
   * @param cips the CIPs of the inputs (any order, repeats allowed)
   */
  void addEarlierOrders(LocalDate date, OrderColumns orders, IdIndex taken, List<StringColumn> codes, long[] cips, RowBudget budget)
      throws IOException, InputFileException {
    long windowStart = calendar.startOf(date).toEpochMilli();
    long threshold = windowStart - openOrderFor.toMillis();
    long[] codeHashes = touchedCodes(codes);
    long[] cipSet = distinctSorted(cips);

    OrdersIndex.Keys[] keys = new OrdersIndex.Keys[days + 1];
    OrdersIndex.Ranges[] ranges = new OrdersIndex.Ranges[days + 1];
    Fetched[] got = new Fetched[days + 1];
    for (int back = 1; back <= days; back++) {
      LocalDate d = date.minusDays(back);
      load(d, windowStart, keys, ranges, back);
      got[back] = new Fetched();
      OrdersIndex.Keys k = keys[back];
      if (k == null) {
        continue;
      }
      IntList hits = new IntList();
      join(k.idHash, k.idRow, codeHashes, hits);
      join(k.cips, k.cipRow, cipSet, hits);
      int from = lowerBound(k.created, threshold);
      for (int x = from; x < k.created.length; x++) {
        if (k.windowRowIsPending(x) || k.created[x] >= windowStart) {
          hits.add(k.winRow[x]);
        }
      }
      k.dropFirstPassKeys();
      fetch(k, ranges[back], hits.sortedDistinct(), got[back]);
    }
    // every version of the ids found, so the newest export of each wins as in the full read
    IntList hashes = new IntList();
    long[] found = foundIdHashes(got);
    for (int back = 1; back <= days; back++) {
      OrdersIndex.Keys k = keys[back];
      if (k == null) {
        continue;
      }
      hashes.clear();
      join(k.idHash, k.idRow, found, hashes);
      int[] more = hashes.sortedDistinct();
      int[] fresh = new int[more.length];
      int n = 0;
      for (int row : more) {
        if (!got[back].has(row)) {
          fresh[n++] = row;
        }
      }
      fetch(k, ranges[back], Arrays.copyOf(fresh, n), got[back]);
    }
    for (int back = 1; back <= days; back++) {
      Fetched f = got[back];
      int[] byRowDesc = f.order();
      for (int x = byRowDesc.length - 1; x >= 0; x--) {
        int i = byRowDesc[x];
        if (taken.get(f.orders.ids(), i) < 0) {
          orders.addRow(f.orders, i);
          taken.putIfAbsent(orders.size() - 1);
          budget.take(1);
          added++;
        }
      }
      got[back] = null;
    }
  }

  /** The keys of an earlier date: its index when current, else its exports read whole (and the index written). */
  private void load(LocalDate d, long windowStart, OrdersIndex.Keys[] keys, OrdersIndex.Ranges[] ranges, int back)
      throws IOException, InputFileException {
    Optional<String> version = files.ordersVersion(d);
    if (version.isPresent()) {
      OrdersIndex.Ranges stored = (offset, length) -> store.read(d, offset, length);
      Optional<OrdersIndex.Keys> k = readKeys(stored);
      if (k.isPresent() && k.get().version.equals(version.get()) && k.get().laterCutoff <= windowStart) {
        keys[back] = k.get();
        ranges[back] = stored;
        indexedDays++;
        bytesRead += k.get().bytesRead;
        return;
      }
    }
    List<ReconcileFiles.Source> sources = files.orders(d);
    if (sources.isEmpty()) {
      daysWithoutExports++;
      return;
    }
    fullReadDays++;
    OrderColumns all = new OrderColumns(16, false);
    for (ReconcileFiles.Source f : sources) {
      try (InputStream in = f.opener().open()) {
        all.addAll(reader.readColumns(f.name(), in, RowBudget.unlimited()));
      }
    }
    byte[] index = OrdersIndex.build(all, version.orElse(""), laterCutoff(d));
    all = null;
    if (version.isPresent()) {
      store.put(d, index);
    }
    OrdersIndex.Ranges inMemory = (offset, length) -> {
      int from = (int) Math.min(offset, index.length);
      return Optional.of(Arrays.copyOfRange(index, from, (int) Math.min(index.length, offset + length)));
    };
    keys[back] = readKeys(inMemory).orElseThrow();
    ranges[back] = inMemory;
  }

  private static Optional<OrdersIndex.Keys> readKeys(OrdersIndex.Ranges ranges) {
    try {
      return OrdersIndex.readKeys(ranges);
    } catch (RuntimeException e) {
      // a damaged or foreign object is no index: the date is read whole and the index rewritten
      if (e instanceof io.pagorecon.core.payment.StorageException) {
        throw e;
      }
      return Optional.empty();
    }
  }

  private void fetch(OrdersIndex.Keys k, OrdersIndex.Ranges ranges, int[] rows, Fetched into) {
    if (rows.length == 0) {
      return;
    }
    bytesRead += OrdersIndex.fetchRows(k, rows, rows.length, ranges, GAP, (row, position, data, idFrom, idLength, cip, amount, currency, status, created, line) -> {
      // order ids are required by every orders reader, so an index never holds a missing one
      into.orders.add(data, idFrom, idFrom + Math.max(0, idLength), cip, amount, currency, status, created, Times.NONE, line);
      into.rows.add(row);
      into.positions.add(position);
      fetched++;
    });
  }

  private static long[] foundIdHashes(Fetched[] got) {
    int n = 0;
    for (Fetched f : got) {
      n += f == null ? 0 : f.orders.size();
    }
    long[] out = new long[n];
    int x = 0;
    for (Fetched f : got) {
      if (f != null) {
        for (int i = 0; i < f.orders.size(); i++) {
          out[x++] = f.orders.ids().hash64(i);
        }
      }
    }
    return distinctSorted(out);
  }

  private static long[] touchedCodes(List<StringColumn> codes) {
    int n = 0;
    for (StringColumn c : codes) {
      n += c.size();
    }
    long[] out = new long[n];
    int x = 0;
    for (StringColumn c : codes) {
      for (int j = 0; j < c.size(); j++) {
        if (!c.isNull(j)) {
          out[x++] = c.hash64(j);
        }
      }
    }
    return distinctSorted(Arrays.copyOf(out, x));
  }

  static long[] distinctSorted(long[] values) {
    long[] a = values.clone();
    Arrays.sort(a);
    int n = 0;
    for (int i = 0; i < a.length; i++) {
      if (n == 0 || a[i] != a[n - 1]) {
        a[n++] = a[i];
      }
    }
    return Arrays.copyOf(a, n);
  }

  /** Rows whose key (sorted {@code keys}, rows alongside) is in {@code wanted} (sorted, distinct). */
  private static void join(long[] keys, int[] rows, long[] wanted, IntList out) {
    int i = 0;
    int j = 0;
    while (i < keys.length && j < wanted.length) {
      if (keys[i] < wanted[j]) {
        i++;
      } else if (keys[i] > wanted[j]) {
        j++;
      } else {
        out.add(rows[i]);
        i++;
      }
    }
  }

  private static int lowerBound(long[] sorted, long value) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < value) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** The rows fetched from one earlier date. */
  private static final class Fetched {
    final OrderColumns orders = new OrderColumns(16, false);
    final IntList rows = new IntList();
    final IntList positions = new IntList();

    boolean has(int row) {
      return rows.containsSortedSearch(row);
    }

    /** Indexes into {@link #orders}, ascending by file position. */
    int[] order() {
      int n = positions.size;
      long[] keys = new long[n];
      int[] idx = new int[n];
      for (int i = 0; i < n; i++) {
        keys[i] = positions.values[i];
        idx[i] = i;
      }
      OrdersIndex.Pairs.sort(keys, idx);
      return idx;
    }
  }

  /** A growable int list. */
  private static final class IntList {
    int[] values = new int[16];
    int size;
    private int[] sortedCache;

    void add(int v) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = v;
      sortedCache = null;
    }

    void clear() {
      size = 0;
      sortedCache = null;
    }

    int[] sortedDistinct() {
      int[] a = Arrays.copyOf(values, size);
      Arrays.sort(a);
      int n = 0;
      for (int i = 0; i < a.length; i++) {
        if (n == 0 || a[i] != a[n - 1]) {
          a[n++] = a[i];
        }
      }
      return Arrays.copyOf(a, n);
    }

    boolean containsSortedSearch(int v) {
      if (sortedCache == null) {
        sortedCache = Arrays.copyOf(values, size);
        Arrays.sort(sortedCache);
      }
      return Arrays.binarySearch(sortedCache, v) >= 0;
    }
  }

}
