package dev.funnelstreams.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where a run's CPU went, read before and after: the process's CPU time, and on Linux the CPU time of the JVM's JIT
 * compiler threads and of its garbage collector threads (pauses and concurrent work), from {@code
 * /proc/self/task/*}{@code /stat} (clock ticks of 10 ms). The JVM's own {@code CompilationMXBean} time is not used: it
 * is the compilers' elapsed time, which counts the time they wait for a core. On a 2-core machine the compilations of
 * a short run take CPU from its own work.
 */
record JvmTimes(long wallNanos, long cpuNanos, long jitNanos, long gcNanos, boolean perThread) {

    private static final Path TASKS = Path.of("/proc/self/task");
    /** The unit of the stat files' CPU times: Linux's USER_HZ, 100 per second. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    /** The counters now; without {@code /proc} the per-thread counters read 0 and {@link #perThread} is false. */
    static JvmTimes now() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        long cpu = os instanceof com.sun.management.OperatingSystemMXBean sun ? Math.max(0, sun.getProcessCpuTime()) : 0;
        long jit = 0;
        long gc = 0;
        boolean perThread = Files.isDirectory(TASKS);
        if (perThread) {
            try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
                for (Path task : tasks) {
                    String stat;
                    try {
                        stat = Files.readString(task.resolve("stat"));
                    } catch (IOException ended) {
                        continue; // the thread ended while the directory was read
                    }
                    int open = stat.indexOf('(');
                    int close = stat.lastIndexOf(')');
                    String name = stat.substring(open + 1, close);
                    String[] f = stat.substring(close + 2).split(" ");
                    long nanos = (Long.parseLong(f[11]) + Long.parseLong(f[12])) * NANOS_PER_TICK;
                    if (isJit(name)) {
                        jit += nanos;
                    } else if (isGc(name)) {
                        gc += nanos;
                    }
                }
            } catch (IOException | RuntimeException unreadable) {
                perThread = false;
            }
        }
        return new JvmTimes(System.nanoTime(), cpu, perThread ? jit : 0, perThread ? gc : 0, perThread);
    }

    /** HotSpot's compiler threads: "C1 CompilerThread0", "C2 CompilerThread0" (cut to 15 characters). */
    static boolean isJit(String thread) {
        return thread.startsWith("C1 CompilerThre") || thread.startsWith("C2 CompilerThre");
    }

    /** HotSpot's collector threads: "GC Thread#0" and G1's "G1 Conc#0", "G1 Refine#0", "G1 Main Marker", ... */
    static boolean isGc(String thread) {
        return thread.startsWith("GC Thread") || thread.startsWith("G1 ");
    }

    /** The counters' growth from {@code before} to this. */
    JvmTimes since(JvmTimes before) {
        return new JvmTimes(wallNanos - before.wallNanos, cpuNanos - before.cpuNanos, jitNanos - before.jitNanos,
                gcNanos - before.gcNanos, perThread && before.perThread);
    }

    /** A growth as one line: CPU against what the processors offered, and the JIT's and the collector's share. */
    String describe(int processors) {
        double wall = wallNanos / 1e9;
        double cpu = cpuNanos / 1e9;
        String line = String.format(Locale.ROOT, "process CPU %.1f s in %.1f s on %d processors (%.0f %% busy)", cpu,
                wall, processors, 100 * cpu / (wall * processors));
        if (!perThread) {
            return line;
        }
        return line + String.format(Locale.ROOT, ", of which JIT compiler threads %.1f s (%.0f %%), GC threads %.1f s"
                + " (%.0f %%)", jitNanos / 1e9, percent(jitNanos, cpuNanos), gcNanos / 1e9, percent(gcNanos, cpuNanos));
    }

    private static double percent(long part, long whole) {
        return whole == 0 ? 0 : 100.0 * part / whole;
    }
}
