package dev.funnelstreams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code funnel bench} at tiny sizes: each command ends with exactly one stdout line of its documented form with
 * positive numbers (docs/benchmarks.md). No timing is asserted; the pipeline run starts its own in-JVM broker and
 * Apicurio.
 */
class BenchCommandIT {

    @Test
    void serdePrintsNanosecondsPerRoundTrip() {
        Matcher m = resultLine(CliRun.of("bench", "serde", "--seconds", "1"), "serde: (\\d+) ns per round trip");

        assertThat(Long.parseLong(m.group(1))).isPositive();
    }

    @Test
    void reportPrintsEventsPerSecondAndPeakHeap() {
        CliRun run = CliRun.of("bench", "report", "--leads", "500");
        Matcher m = resultLine(run, "report: (\\d+) events/s, peak heap (\\d+) MB");

        assertThat(Long.parseLong(m.group(1))).isPositive();
        assertThat(Long.parseLong(m.group(2))).isPositive();
        assertThat(run.err()).containsPattern("read \\+ compute [0-9.]+ s \\(intake [0-9.]+ s, replay [0-9.]+ s, render"
                + " [0-9.]+ s\\)");
        assertThat(run.err()).containsPattern("cpu: process CPU [0-9.]+ s in [0-9.]+ s on \\d+ processors \\(\\d+ %"
                + " busy\\), of which JIT compiler threads [0-9.]+ s \\(\\d+ %\\), GC threads [0-9.]+ s");
    }

    @Test
    void stepsPrintsMicrosecondsPerEventByPart() {
        CliRun run = CliRun.of("bench", "steps", "--events", "2000", "--rounds", "2");
        Matcher m = resultLine(run, "steps: ([0-9.]+) us per event \\(record decode ([0-9.]+), step ([0-9.]+), record"
                + " encode ([0-9.]+), delta buffer ([0-9.]+)\\)");

        double total = Double.parseDouble(m.group(1));
        double parts = 0;
        for (int g = 2; g <= 5; g++) {
            parts += Double.parseDouble(m.group(g));
        }
        assertThat(total).isPositive();
        // the parts are clocked inside the total: their sum is at most the total (two decimals each)
        assertThat(parts).isLessThanOrEqualTo(total + 0.05);
        assertThat(run.err()).contains("round 1/2:", "round 2/2:", "delta additions per event", "continued");
    }

    @Test
    void pipelinePrintsBothRatesTheirRatioTheStoreFloorAndTheRecordsWrittenPerTopic() {
        CliRun run = CliRun.of("bench", "pipeline", "--events", "2000", "--partitions", "2");
        Matcher m = resultLine(run, "pipeline: (\\d+) events/s, pass-through (\\d+) events/s, ratio (\\d+\\.\\d{3})");

        long pipeline = Long.parseLong(m.group(1));
        long pass = Long.parseLong(m.group(2));
        assertThat(pipeline).isPositive();
        assertThat(pass).isPositive();
        assertThat(Double.parseDouble(m.group(3))).isPositive();
        assertThat(run.err()).contains("| funnel.stage-flow |", "-cell-deltas-repartition |", "| bench.pass-through |",
                "records written per input event: pipeline", "| pass-through 1/3 |", "| pass-through 3/3 |",
                "(the median of 3 runs)", "| store floor |", "| bench.store-floor |", "-bench-leads-changelog |",
                "guarantee exactly_once_v2, 2 partitions, 1 stream thread(s)");
        assertThat(run.err()).containsPattern("store floor: \\d+\\.\\d{3} of the pass-through; the pipeline: \\d+\\.\\d{3}"
                + " of the store floor");
        // the threads the app really ran (the app's default: Kafka's one), beside the configured count above
        assertThat(run.err()).containsPattern("pipeline: RUNNING after \\d+\\.\\d s, 1 stream thread\\R");
        // the floor forwards every input record once
        Matcher loaded = Pattern.compile("pre-loaded ([0-9,]+) input records").matcher(run.err());
        assertThat(loaded.find()).as(run.err()).isTrue();
        assertThat(run.err()).containsPattern("\\| bench\\.store-floor \\| [0-9,]+ \\| " + loaded.group(1) + " \\|");
    }

    @Test
    void latencyPrintsPercentilesTheCommitMetricsTheProcessingRateAndTheBreakdown() {
        CliRun run = CliRun.of("bench", "latency", "--rate", "100", "--seconds", "6", "--warmup", "1",
                "--low-latency", "--breakdown");
        Matcher m = resultLine(run, "latency: p50 (\\d+) ms, p99 (\\d+) ms at 100 events/s \\(.*\\)");

        assertThat(Long.parseLong(m.group(2))).isGreaterThanOrEqualTo(Long.parseLong(m.group(1)));
        assertThat(run.err()).contains("pipeline settings: commit.interval.ms 50, statestore.cache.max.bytes 0",
                "stream threads: commit-latency-avg", "records/s (events and cell deltas)",
                "pipeline RUNNING, 1 stream thread");
        // --breakdown: every stage of the probes' latency has numbers, and the one stream thread's cycles
        String ms = "\\d+ / \\d+ / \\d+";
        assertThat(run.err()).containsPattern("acked by the broker " + ms
                + "; in funnel.lead-events \\(read_uncommitted\\) " + ms + "; polled by a stream thread " + ms
                + "; written to funnel.lead-state \\(read_uncommitted\\) " + ms
                + "; lead-state committed \\(read_committed\\) " + ms
                + "; its owner cells' first delta polled by a stream thread " + ms + "\\R");
        assertThat(run.err()).containsPattern("commit cycles of \\S+-StreamThread-1 after the warm-up: [1-9][0-9,]* cycles,"
                + " p50 \\d+ ms, p99 \\d+ ms, max \\d+ ms; [0-9,]+ without a processed record");
    }

    private static Matcher resultLine(CliRun run, String regex) {
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).as(run.err()).hasSize(1);
        Matcher m = Pattern.compile(regex).matcher(lines.get(0));
        assertThat(m.matches()).as(lines.get(0)).isTrue();
        return m;
    }
}
