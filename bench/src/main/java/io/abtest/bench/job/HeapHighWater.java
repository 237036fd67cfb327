package io.abtest.bench.job;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The heap's high-water marks in this JVM, from the garbage collector's notifications: the most heap used (just
 * before a collection, where use peaks) and the most heap still used just after one (an upper bound of the live
 * data: a young collection leaves the old generation as it was). The first depends on {@code -Xmx} (the collector
 * lets the heap fill before it collects); the second is what grows with the job's state.
 */
final class HeapHighWater {

    private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
    private final AtomicLong peakUsed = new AtomicLong();
    private final AtomicLong peakAfterCollection = new AtomicLong();

    private HeapHighWater() {}

    static HeapHighWater watch() {
        HeapHighWater heap = new HeapHighWater();
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) collector).addNotificationListener((notification, handback) -> {
                if (notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                    GcInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData())
                            .getGcInfo();
                    heap.peakUsed.accumulateAndGet(heap.sum(info.getMemoryUsageBeforeGc()), Math::max);
                    heap.peakAfterCollection.accumulateAndGet(heap.sum(info.getMemoryUsageAfterGc()), Math::max);
                }
            }, null, null);
        }
        return heap;
    }

    /** The most heap used so far, in bytes. */
    long peakUsed() {
        return Math.max(peakUsed.get(), ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }

    /** The most heap used just after a collection so far, in bytes. */
    long peakAfterCollection() {
        return peakAfterCollection.get();
    }

    private long sum(Map<String, MemoryUsage> pools) {
        return pools.entrySet().stream().filter(e -> heapPools.contains(e.getKey()))
                .mapToLong(e -> e.getValue().getUsed()).sum();
    }
}
