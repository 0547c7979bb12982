package dev.funnelstreams.streams.alert;

import dev.funnelstreams.core.alert.Alert;
import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.config.FunnelConfigLoader;
import dev.funnelstreams.core.lead.LeadState;
import dev.funnelstreams.core.metrics.Contributions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * Punctuation time of the alert timers on RocksDB at 1e4, 1e5 and 1e6 open leads, with nothing due
 * and with k due, beside a scan of all leads' timers (what a timer without the due-ordered store
 * would do) in the same run. The stores are the topology's (same builders, RocksDB), without
 * changelog; a fired deadline reads the lead's state from memory instead of replaying its history.
 *
 * <pre>
 * ./mvnw -B -q -pl streams-app -am test-compile exec:java@alert-timer-benchmark
 * </pre>
 */
public final class AlertTimerBenchmark {

    static final Instant T0 = Instant.parse("2026-03-25T00:00:00Z");
    static final int K = 100;

    private final FunnelConfig config;
    private final KeyValueStore<String, LeadAlerts> leads;
    private final KeyValueStore<Bytes, byte[]> deadlines;
    private final AlertTimers timers;
    private final AlertTimers.Emitter sink = new AlertTimers.Emitter() {
        @Override
        public void alert(Alert alert) {
            emitted++;
        }

        @Override
        public void retract(String alertId) {
        }

        @Override
        public void cells(Contributions delta) {
        }
    };
    private long emitted;
    private int size;
    private long clock = T0.toEpochMilli();

    AlertTimerBenchmark(Path dir) throws java.net.URISyntaxException {
        config = FunnelConfigLoader.load(Path.of(AlertTimerBenchmark.class.getResource("/funnel.yaml").toURI()));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "alert-timer-benchmark");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:0");
        props.put(StreamsConfig.STATE_DIR_CONFIG, dir.toString());
        MockProcessorContext<Object, Object> context = new MockProcessorContext<>(props, new org.apache.kafka.streams.processor.TaskId(0, 0),
                dir.toFile());
        leads = Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore("lead-alerts"), Serdes.String(),
                LeadAlertsSerde.serde()).withLoggingDisabled().withCachingDisabled().build();
        deadlines = Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore("alert-deadlines"), Serdes.Bytes(),
                Serdes.ByteArray()).withLoggingDisabled().withCachingDisabled().build();
        leads.init(context.getStateStoreContext(), leads);
        deadlines.init(context.getStateStoreContext(), deadlines);
        timers = new AlertTimers(config, leads, deadlines, 10_000);
    }

    /** An open lead in "lead" (STALL after 14 days), tier B (follow-up every 3 days), touched at entry. */
    static LeadState lead(String id, Instant entered) {
        return new LeadState(id, true, "lead", true, entered, Map.of("lead", entered), "zhang.wei", "B", null,
                "expo", entered, null);
    }

    /** Grows to {@code n} open leads whose deadlines are all after every punctuation of the run. */
    void fillTo(int n) {
        for (; size < n; size++) {
            // entered within the last 2 days: follow-up due in 1..3 days, stall in 12..14 days
            Instant entered = T0.minusMillis((size * 7919L) % Duration.ofDays(2).toMillis());
            timers.leadChanged(null, lead("L-" + size, entered), T0, sink);
        }
        leads.flush();
        deadlines.flush();
    }

    /** Median milliseconds of {@code reps} punctuations with nothing due. */
    double nothingDue(int reps) {
        double[] t = new double[reps];
        for (int i = 0; i < reps; i++) {
            clock += 1000;
            long start = System.nanoTime();
            int due = timers.punctuate(Instant.ofEpochMilli(clock), id -> null, sink);
            t[i] = (System.nanoTime() - start) / 1e6;
            if (due != 0) {
                throw new IllegalStateException("expected nothing due, got " + due);
            }
        }
        return median(t);
    }

    /**
     * Median milliseconds of {@code reps} punctuations with nothing due but a stale position: a
     * deadline that was due was moved later (the lead was touched), so the timer must seek.
     */
    double nothingDueAfterMove(int reps) {
        double[] t = new double[reps];
        for (int i = 0; i < reps; i++) {
            clock += 1000;
            String id = "S-" + i + "-" + size;
            LeadState touchedLongAgo = lead(id, Instant.ofEpochMilli(clock).minus(Duration.ofDays(3)).minusMillis(1));
            timers.leadChanged(null, touchedLongAgo, Instant.ofEpochMilli(clock - 1000), sink);
            timers.leadChanged(touchedLongAgo, lead(id, Instant.ofEpochMilli(clock - 1000)),
                    Instant.ofEpochMilli(clock - 1000), sink);
            long start = System.nanoTime();
            int due = timers.punctuate(Instant.ofEpochMilli(clock), x -> null, sink);
            t[i] = (System.nanoTime() - start) / 1e6;
            if (due != 0) {
                throw new IllegalStateException("expected nothing due, got " + due);
            }
        }
        return median(t);
    }

    /** Median milliseconds of {@code reps} punctuations with {@link #K} leads due (they are raised). */
    double kDue(int reps) {
        double[] t = new double[reps];
        for (int i = 0; i < reps; i++) {
            clock += 1000;
            Instant entered = Instant.ofEpochMilli(clock).minus(Duration.ofDays(3)).minusMillis(1);
            Map<String, LeadState> due = new java.util.HashMap<>();
            for (int j = 0; j < K; j++) {
                LeadState l = lead("D-" + i + "-" + j + "-" + size, entered);
                due.put(l.leadId(), l);
                timers.leadChanged(null, l, Instant.ofEpochMilli(clock - 1000), sink);
            }
            long before = emitted;
            long start = System.nanoTime();
            int fired = timers.punctuate(Instant.ofEpochMilli(clock), due::get, sink);
            t[i] = (System.nanoTime() - start) / 1e6;
            if (fired != K || emitted - before != K) {
                throw new IllegalStateException("expected " + K + " due and raised, got " + fired);
            }
            due.keySet().forEach(leads::delete); // keep the open-lead count at the measured size
        }
        return median(t);
    }

    /** Median milliseconds of reading every lead's timers to find the due ones (the baseline). */
    double scanAll(int reps) {
        double[] t = new double[reps];
        for (int i = 0; i < reps; i++) {
            long now = clock;
            long start = System.nanoTime();
            int due = 0;
            try (KeyValueIterator<String, LeadAlerts> it = leads.all()) {
                while (it.hasNext()) {
                    KeyValue<String, LeadAlerts> kv = it.next();
                    for (LeadAlerts.Timer timer : kv.value.scheduled()) {
                        if (timer.dueMillis() <= now) {
                            due++;
                        }
                    }
                }
            }
            t[i] = (System.nanoTime() - start) / 1e6;
            if (due < 0) {
                throw new IllegalStateException();
            }
        }
        return median(t);
    }

    private static double median(double[] t) {
        double[] s = t.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    void close() {
        leads.close();
        deadlines.close();
    }

    public static void main(String[] args) throws IOException, java.net.URISyntaxException {
        Path dir = Files.createTempDirectory("alert-timer-benchmark");
        AlertTimerBenchmark b = new AlertTimerBenchmark(dir);
        System.out.printf("%-10s %16s %18s %16s %14s %12s%n", "open leads", "nothing due (ms)",
                "after a move (ms)", "k=" + K + " due (ms)", "scan all (ms)", "scan/move");
        b.fillTo(10_000);
        // warm-up: JIT of all three paths before the first measurement
        b.nothingDue(20_000);
        b.nothingDueAfterMove(5_000);
        b.kDue(100);
        b.scanAll(20);
        for (int n : new int[] {10_000, 100_000, 1_000_000}) {
            long fill = System.nanoTime();
            b.fillTo(n);
            double fillSeconds = (System.nanoTime() - fill) / 1e9;
            double nothing = b.nothingDue(5_000);
            double moved = b.nothingDueAfterMove(2_000);
            double k = b.kDue(30);
            double scan = b.scanAll(n >= 1_000_000 ? 5 : 11);
            System.out.printf("%-10d %16.5f %18.4f %16.3f %14.1f %11.0fx   (fill %.1f s)%n", n, nothing, moved,
                    k, scan, scan / moved, fillSeconds);
        }
        b.close();
    }
}
