package io.pagorecon.bench.reconcile;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The largest heap occupancy right after a garbage collection: what was still reachable, an upper
 * bound of the live set at that moment. Its maximum over a run is the heap the run needs, the
 * figure the reconcile function's memory setting is derived from.
 */
final class PeakLiveHeap {

  private static final AtomicLong PEAK = new AtomicLong();

  private PeakLiveHeap() {}

  static void start() {
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      ((NotificationEmitter) gc).addNotificationListener((n, handback) -> {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
          return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
        long used = 0;
        for (MemoryUsage u : info.getGcInfo().getMemoryUsageAfterGc().values()) {
          used += u.getUsed();
        }
        PEAK.accumulateAndGet(used, Math::max);
      }, null, null);
    }
  }

  static void reset() {
    PEAK.set(0);
  }

  static long bytes() {
    return PEAK.get();
  }
}
