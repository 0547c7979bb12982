package dev.funnelstreams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateConfigCommandTest {

    static final String EXAMPLE = "../examples/funnel.yaml";

    @Test
    void printsTheFunnelOfAValidConfig() {
        CliRun run = CliRun.of("validate-config", EXAMPLE);

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains(
                EXAMPLE + ": valid",
                "timezone    Asia/Shanghai",
                "currency    CNY",
                "stages (6, in order):",
                "   1. lead         stalls after P14D     线索获取",
                "   2. discovery    stalls after P30D     需求挖掘  [opportunity]",
                "   5. won          never stalls          签约成交  [won]",
                "  A      minValue 500000.00        follow up every P1D",
                "  C      minValue 0.00             follow up every P7D",
                "periods     WEEK, MONTH, QUARTER",
                "dimensions  channel, owner, tier, industry",
                "conversion window  P90D",
                "  2026-Q4  lead 1000, discovery 200, won 50",
                "alerts      conversion drop: >= 5 points, both weeks >= 20 leads; grace P1D; maxFutureSkew PT1H");
        assertThat(run.out().indexOf("lead ")).isLessThan(run.out().indexOf("discovery "));
    }

    @Test
    void printsEveryErrorOnItsOwnLineAndExitsOne(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, """
                funnel:
                  timezone: Mars/Olympus
                  currency: CNY
                  stages:
                    - {id: lead}
                    - {id: won, won: true}
                    - {id: won}
                  opportunityStage: opp
                  tiers: {A: {minValue: 1, followUpEvery: P1M}}
                """);

        CliRun run = CliRun.of("validate-config", file.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).containsExactly(
                file + ": funnel.timezone: unknown time zone \"Mars/Olympus\" (a region id such as Asia/Shanghai,"
                        + " Europe/Berlin or UTC, or an offset such as +08:00)",
                file + ": funnel.stages[2].id: duplicate stage id \"won\" (ids must be unique; first at funnel.stages[1])",
                file + ": funnel.opportunityStage: unknown stage \"opp\" (known: lead, won)",
                file + ": funnel.tiers.A.followUpEvery: \"P1M\" is not an exact duration (months and years have no fixed"
                        + " length; ISO-8601 with W, D, H, M, S units and whole seconds, e.g. P14D, PT1H, P1DT12H)");
    }

    @Test
    void missingFileIsOneLineWithoutStackTrace(@TempDir Path dir) {
        Path missing = dir.resolve("nope.yaml");
        CliRun run = CliRun.of("validate-config", missing.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo(missing + ": no such file" + System.lineSeparator());
    }

    @Test
    void withoutFileIsAUsageError() {
        CliRun run = CliRun.of("validate-config");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("give the config file once: FILE or --config FILE");
        CliRun both = CliRun.of("validate-config", EXAMPLE, "--config", EXAMPLE);
        assertThat(both.exitCode()).isEqualTo(2);
    }

    @Test
    void everySharedExampleIsValid() throws IOException {
        Path shared = Path.of("../../shared/examples");
        org.assertj.core.api.Assumptions.assumeThat(Files.isDirectory(shared)).isTrue();
        try (var files = Files.list(shared)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                assertThat(CliRun.of("validate-config", p.toString()).exitCode()).as(p.toString()).isZero();
            }
        }
    }
}
