package dev.funnelstreams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest {

    static final String CONFIG = "../examples/funnel.yaml";

    static CliRun generate(Path out, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("generate", "--config", CONFIG, "--seed", "7",
                "--leads", "200", "--out", out.toString()));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void writesTheSameBytesForTheSameSeed(@TempDir Path dir) throws IOException {
        Path a = dir.resolve("a.jsonl");
        Path b = dir.resolve("b.jsonl");

        CliRun run = generate(a, "--start", "2026-01-01", "--days", "60");
        generate(b, "--start", "2026-01-01", "--days", "60");

        assertThat(run.exitCode()).isZero();
        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
        List<String> lines = Files.readAllLines(a);
        assertThat(run.out()).startsWith("wrote " + lines.size() + " lines to " + a + ": 200 leads, 2026-01-01 .. 2026-03-01"
                + " (Asia/Shanghai)");
        assertThat(run.out()).contains("  LeadCreated", "  ChannelSpend", "restatements", "exact duplicate lines");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void gzipsWhenTheNameEndsWithGz(@TempDir Path dir) throws IOException {
        Path plain = dir.resolve("e.jsonl");
        Path gz = dir.resolve("e.jsonl.gz");
        generate(plain, "--start", "2026-01-01", "--days", "30");
        assertThat(generate(gz, "--start", "2026-01-01", "--days", "30").exitCode()).isZero();

        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            assertThat(in.readAllBytes()).isEqualTo(Files.readAllBytes(plain));
        }
    }

    @Test
    void defaultHistoryEndsAtTheStartOfToday(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("e.jsonl");
        ZoneId zone = ZoneId.of("Asia/Shanghai");
        LocalDate today = LocalDate.now(zone);

        assertThat(generate(out, "--days", "20").exitCode()).isZero();

        Instant end = today.atStartOfDay(zone).toInstant();
        Instant start = today.minusDays(20).atStartOfDay(zone).toInstant();
        for (String line : Files.readAllLines(out)) {
            var m = java.util.regex.Pattern.compile("\"occurredAt\":\"([^\"]+)\"").matcher(line);
            if (m.find()) {
                assertThat(Instant.parse(m.group(1))).isBefore(end).isAfterOrEqualTo(start);
            }
        }
    }

    @Test
    void printsProgressForManyLeads(@TempDir Path dir) {
        CliRun run = CliRun.of("generate", "--config", CONFIG, "--seed", "1", "--leads", "10000", "--days", "30",
                "--start", "2026-01-01", "--out", dir.resolve("big.jsonl.gz").toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).contains("generate: 10000/10000 leads (100%)");
    }

    @Test
    void invalidConfigIsReportedPerErrorWithExitOne(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("bad.yaml");
        Files.writeString(config, "funnel: {timezone: UTC}\n");
        CliRun run = CliRun.of("generate", "--config", config.toString(), "--seed", "1", "--leads", "1", "--out",
                dir.resolve("x.jsonl").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().lines()).allMatch(l -> l.startsWith(config + ": funnel."))
                .anyMatch(l -> l.contains("funnel.stages: missing"));
        assertThat(run.err()).doesNotContain("Exception");
    }

    @Test
    void unwritableOutputIsOneLine(@TempDir Path dir) {
        Path out = dir.resolve("no/such/dir/e.jsonl");
        CliRun run = generate(out);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().lines()).hasSize(1).first().asString().startsWith("funnel generate: cannot write " + out);
    }

    @Test
    void rejectsBadOptionValuesAsUsageErrors(@TempDir Path dir) {
        assertThat(generate(dir.resolve("e.jsonl"), "--days", "0").exitCode()).isEqualTo(2);
        assertThat(generate(dir.resolve("e.jsonl"), "--start", "2026-13-01").exitCode()).isEqualTo(2);
        CliRun missing = CliRun.of("generate", "--config", CONFIG);
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("Missing required options");
    }
}
