package dev.funnelstreams.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * Peak heap during a piece of work, two ways. The headline: the largest {@link MemoryMXBean} heap-used value seen by a
 * daemon thread sampling every 10 ms (heap in use, live objects plus garbage not yet collected, so it depends on the
 * collector and the maximum heap; a peak between two samples is missed). Beside it: the sum of the heap pools' own
 * peak usage ({@link MemoryPoolMXBean#getPeakUsage()} after {@link MemoryPoolMXBean#resetPeakUsage()}), an upper
 * bound, since the pools peak at different moments.
 */
final class HeapSampler implements AutoCloseable {

    private static final long EVERY_MS = 10;

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).toList();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long peak;

    HeapSampler() {
        pools.forEach(MemoryPoolMXBean::resetPeakUsage);
        peak = memory.getHeapMemoryUsage().getUsed();
        thread = new Thread(() -> {
            while (running) {
                peak = Math.max(peak, memory.getHeapMemoryUsage().getUsed());
                try {
                    Thread.sleep(EVERY_MS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    /** The largest sampled heap-used value so far, bytes. */
    long sampledPeak() {
        return Math.max(peak, memory.getHeapMemoryUsage().getUsed());
    }

    /** The sum of the heap pools' peak usage since the start, bytes. */
    long poolPeaks() {
        return pools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    /** The maximum heap the JVM may grow to, bytes (-1 when undefined). */
    long max() {
        return memory.getHeapMemoryUsage().getMax();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
