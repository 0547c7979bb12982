package dev.funnelstreams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code funnel bench} commands' help and usage errors; the runs themselves are in BenchCommandIT. */
class BenchCommandTest {

    @Test
    void benchHelpListsTheSixBenchmarks() {
        CliRun run = CliRun.of("bench", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("pipeline", "report", "serde", "latency", "restart", "steps");
    }

    @Test
    void eachBenchmarkHelpStatesItsResultLineAndExitCodes() {
        assertThat(help("pipeline")).contains("Result line: pipeline: N events/s, pass-through M events/s, ratio R")
                .contains("5 % of the input").contains("3 cannot reach the Kafka broker");
        assertThat(help("report")).contains("Result line: report: N events/s, peak heap H MB").contains("MemoryMXBean");
        assertThat(help("serde")).contains("Result line: serde: N ns per round trip");
        assertThat(help("latency")).contains("Result line: latency: p50 A ms, p99 B ms at R events/s")
                .contains("--low-latency: commit.interval.ms 50 (default 500) and statestore.cache",
                        "--breakdown: also where the latency goes");
        assertThat(help("restart")).contains("Result line(s): restart: running after A s, caught up after B s")
                .contains("lost-state");
        assertThat(help("steps")).contains("Result line: steps: N us per event (record decode A, step B, record"
                + " encode C, delta buffer D)").contains("without Kafka");
    }

    @Test
    void aBadModeOrSizeIsAUsageError() {
        CliRun mode = CliRun.of("bench", "restart", "--mode", "sometimes");
        CliRun size = CliRun.of("bench", "pipeline", "--events", "0");

        assertThat(mode.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(mode.err()).contains("--mode must be clean, kill, lost-state or all (got sometimes)");
        assertThat(size.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(size.err()).contains("--events must be >= 10");
        for (String bench : List.of("pipeline", "latency", "restart")) {
            CliRun partitions = CliRun.of("bench", bench, "--partitions", "0");
            assertThat(partitions.exitCode()).as(bench).isEqualTo(ExitCodes.USAGE);
            assertThat(partitions.err()).as(bench).contains("--partitions must be >= 1 (got 0)");
        }
        CliRun rounds = CliRun.of("bench", "steps", "--rounds", "0");
        assertThat(rounds.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(rounds.err()).contains("--events must be >= 10 and --rounds >= 1");
    }

    @Test
    void aRealClusterNeedsBothAddresses() {
        CliRun run = CliRun.of("bench", "latency", "--bootstrap-servers", "127.0.0.1:1");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--bootstrap-servers and --schema-registry-url go together");
        assertThat(run.out()).isEmpty();
    }

    private static String help(String command) {
        CliRun run = CliRun.of("bench", command, "--help");
        assertThat(run.exitCode()).isZero();
        return run.out().replaceAll("\\s+", " ");
    }
}
