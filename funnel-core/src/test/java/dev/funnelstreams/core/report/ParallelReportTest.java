package dev.funnelstreams.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.config.FunnelConfigLoader;
import dev.funnelstreams.core.generate.FunnelGenerator;
import dev.funnelstreams.core.generate.GeneratorOptions;
import dev.funnelstreams.core.lead.HistoryLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The parallel batch report equals the single-threaded one and the sequential reference (the report as it
 * was: one thread, {@code LeadHistory} records), record for record and line for line, on generated history
 * and on adversarial input: duplicates, conflicts, rejections of every kind, full histories, odd JSON.
 */
class ParallelReportTest {

    private static final FunnelConfig CONFIG = FunnelConfigLoader.load(Path.of("../examples/funnel.yaml"));
    private static final Instant WALL = Instant.parse("2026-06-01T00:00:00Z");
    private static final Clock CLOCK = Clock.fixed(WALL, ZoneOffset.UTC);
    /** The streaming app's bad-input corpus (JSON lines), when this module is built inside the repository. */
    private static final Path CORPUS = Path.of("../streams-app/src/test/resources/bad-input");

    private static List<String> generated;

    @BeforeAll
    static void generate() throws IOException {
        generated = new ArrayList<>();
        new FunnelGenerator(CONFIG, new GeneratorOptions(7, 2000, LocalDate.of(2026, 1, 1), 200))
                .generate(generated::add);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 7})
    void equalsTheSequentialReferenceOnGeneratedHistory(int threads, @TempDir Path dir) throws IOException {
        List<String> shuffled = new ArrayList<>(generated);
        java.util.Collections.shuffle(shuffled, new Random(threads));
        assertSame(shuffled, Optional.empty(), threads, dir);
    }

    @ParameterizedTest
    @ValueSource(ints = {4})
    void equalsTheSequentialReferenceOnAdversarialInput(int threads, @TempDir Path dir) throws IOException {
        List<String> lines = adversarial();
        assertSame(lines, Optional.empty(), threads, dir);
        assertSame(lines, Optional.of(Instant.parse("2026-03-10T00:00:00Z")), threads, dir);
    }

    @Test
    void rejectsAtTheHistoryLimitsAsTheHistoryDoes(@TempDir Path dir) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(created("L-many", "e-0", "2026-03-01T00:00:00Z", "\"owner\":\"a\""));
        for (int i = 1; i <= HistoryLimits.MAX_EVENTS + 5; i++) {
            lines.add(activity("L-many", "e-" + i, "2026-03-02T00:00:00Z", "call"));
        }
        String bigName = "名".repeat(60_000); // 180,000 estimated bytes a LeadCreated: the fourth does not fit
        for (int i = 0; i < 5; i++) {
            lines.add(created("L-big", "b-" + i, "2026-03-0" + (i + 1) + "T00:00:00Z",
                    "\"customer\":{\"name\":\"" + bigName + "\"}"));
        }
        lines.add(created("L-huge", "h-1", "2026-03-01T00:00:00Z",
                "\"customer\":{\"name\":\"" + "名".repeat(200_000) + "\"}"));
        BatchResult r = assertSame(lines, Optional.empty(), 3, dir);
        assertThat(r.rejections()).hasSize(6 + 3 + 1);
        assertThat(r.rejections()).allMatch(x -> x.reason().contains("lead history full"));
    }

    /** Runs the reference and the parallel report, compares results and written files; returns the result. */
    private static BatchResult assertSame(List<String> lines, Optional<Instant> asOf, int threads, Path dir)
            throws IOException {
        BatchResult expected = SequentialReference.run(CONFIG, lines, asOf, WALL);
        BatchResult actual = BatchReport.run(CONFIG, lines.iterator(), asOf, CLOCK, threads);
        BatchResult single = BatchReport.run(CONFIG, lines.iterator(), asOf, CLOCK, 1);
        assertThat(actual.asOf()).isEqualTo(expected.asOf());
        assertThat(actual.stats()).isEqualTo(expected.stats());
        assertThat(actual.rejections()).isEqualTo(expected.rejections());
        assertThat(actual.records()).isEqualTo(expected.records());
        ReportWriter.write(expected, dir.resolve("expected"), 1);
        ReportWriter.write(actual, dir.resolve("actual"), threads);
        ReportWriter.write(single, dir.resolve("single"), 1);
        try (Stream<Path> files = Files.list(dir.resolve("expected"))) {
            for (Path f : files.toList()) {
                byte[] want = Files.readAllBytes(f);
                assertThat(Files.readAllBytes(dir.resolve("actual").resolve(f.getFileName()))).as(f.toString())
                        .isEqualTo(want);
                assertThat(Files.readAllBytes(dir.resolve("single").resolve(f.getFileName()))).as(f.toString())
                        .isEqualTo(want);
            }
        }
        return actual;
    }

    private static String created(String lead, String id, String at, String extra) {
        return "{\"eventId\":\"" + id + "\",\"type\":\"LeadCreated\",\"leadId\":\"" + lead + "\",\"occurredAt\":\""
                + at + "\"" + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    private static String activity(String lead, String id, String at, String activity) {
        return "{\"eventId\":\"" + id + "\",\"type\":\"ActivityLogged\",\"leadId\":\"" + lead + "\",\"occurredAt\":\""
                + at + "\",\"activity\":\"" + activity + "\"}";
    }

    private static String moved(String lead, String id, String at, String to, String extra) {
        return "{\"eventId\":\"" + id + "\",\"type\":\"StageChanged\",\"leadId\":\"" + lead + "\",\"occurredAt\":\""
                + at + "\",\"toStage\":\"" + to + "\"" + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    /** Lines that exercise every outcome of the intake, mixed into a slice of generated history. */
    static List<String> adversarial() throws IOException {
        List<String> l = new ArrayList<>(generated.subList(0, 4000));
        String longNote = "长".repeat(HistoryLimits.MAX_FREE_TEXT + 10);
        l.addAll(List.of(
                "",
                "   ",
                "{oops",
                "[1,2]",
                "null",
                "{\"eventId\":\"x-1\",\"eventId\":\"x-1\",\"type\":\"LeadCreated\",\"leadId\":\"A-1\","
                        + "\"occurredAt\":\"2026-03-01T00:00:00Z\"}",
                created("A-1", "a-1", "2026-03-01T08:00:00+08:00", "\"channel\":\"expo\",\"owner\":\"zhang\","
                        + "\"contact\":{\"name\":\"王芳\",\"phone\":\"138\"},\"estimatedValue\":\"600000.00\","
                        + "\"customer\":{\"name\":\"华东\",\"industry\":\"retail\",\"region\":\"east\"}"),
                // a copy that differs only in its contact: a duplicate (contacts are not stored)
                created("A-1", "a-1", "2026-03-01T00:00:00.000Z", "\"channel\":\"expo\",\"owner\":\"zhang\","
                        + "\"contact\":{\"name\":\"李\"},\"estimatedValue\":\"600000.0\","
                        + "\"customer\":{\"name\":\"华东\",\"industry\":\"retail\"}"),
                // a copy with another owner: a conflict
                created("A-1", "a-1", "2026-03-01T00:00:00Z", "\"channel\":\"expo\",\"owner\":\"li\","
                        + "\"estimatedValue\":\"600000.00\",\"customer\":{\"name\":\"华东\",\"industry\":\"retail\"}"),
                moved("A-1", "a-2", "2026-03-02T00:00:00Z", "discovery", "\"note\":\"" + longNote + "\""),
                moved("A-1", "a-2", "2026-03-02T00:00:00Z", "discovery", "\"note\":\"" + longNote + "\""),
                moved("A-1", "a-2", "2026-03-02T00:00:00Z", "discovery", "\"note\":\"" + longNote + "x\""),
                moved("A-1", "a-3", "2026-03-03T00:00:00Z", "won", "\"amount\":\"700000.5\",\"source_url\":\"u\""),
                moved("A-1", "a-4", "2026-03-03T00:00:00Z", "nowhere", ""),
                moved("A-1", "a-5", "2026-03-03T00:00:00Z", "proposal", "\"amount\":700000"),
                moved("A-1", "a-6", "2026-03-03T00:00:00Z", "proposal", "\"fromStage\":\"elsewhere\""),
                moved("A-1", "a-7", "2026-03-03T00:00:00Z", "proposal", "\"amount\":\"-5.00\""),
                moved("A-1", "a-8", "2026-03-03T00:00:00Z", "proposal", "\"currency\":\"USD\""),
                moved("A-1", "a-9", "2099-03-03T00:00:00Z", "proposal", ""),
                moved("A-1", "a-10", "1969-12-31T23:59:59Z", "proposal", ""),
                moved("A-1", "a-11", "2026-03-03T00:00:00z", "proposal", ""),
                moved("A-1", "a-12", "2026-03-03T00:00:60Z", "proposal", ""),
                moved("A-1", "a 13", "2026-03-03T00:00:00Z", "proposal", ""),
                moved("", "a-14", "2026-03-03T00:00:00Z", "proposal", ""),
                moved("A-1", "a-15", "2026-03-04T00:00:00Z", "negotiation", "\"note\":\"\\ud800 lone\",\"x\":{\"y\":[1]}"),
                moved("A-1", "a-15", "2026-03-04T00:00:00Z", "negotiation", "\"note\":\"\\uD800 lone\",\"x\":true"),
                moved("A-1", "a-15", "2026-03-04T00:00:00Z", "negotiation", "\"note\":\"\\udc00 lone\""),
                "{\"eventId\":\"a-16\",\"type\":\"LeadLost\",\"leadId\":\"A-1\",\"occurredAt\":\"2026-03-05T00:00:00Z\","
                        + "\"reason\":\"weather\",\"detail\":\"rain\"}",
                "{\"eventId\":\"a-17\",\"type\":\"OwnerChanged\",\"leadId\":\"A-1\",\"occurredAt\":\"2026-03-05T00:00:00Z\","
                        + "\"owner\":\"\",\"note\":5}",
                "{\"eventId\":\"a-18\",\"type\":\"LeadUpdated\",\"leadId\":\"A-1\",\"occurredAt\":\"2026-03-05T00:00:00Z\","
                        + "\"estimatedValue\":\"\",\"tier\":\"A\",\"industry\":\"\"}",
                "{\"eventId\":\"a-19\",\"type\":\"LeadUpdated\",\"leadId\":\"A-1\",\"occurredAt\":\"2026-03-05T00:00:00Z\","
                        + "\"tier\":\"Z\"}",
                "{\"eventId\":\"a-20\",\"type\":\"LeadMerged\",\"leadId\":\"A-1\",\"occurredAt\":\"2026-03-05T00:00:00Z\"}",
                " { \"type\" : \"ActivityLogged\" , \"eventId\":\"a-21\",\"leadId\":\"A-2\",\"occurredAt\":"
                        + "\"2026-03-05T00:00:00.123456789+08:00\",\"activity\":\"call\\n\\\"x\\\"\"} ",
                activity("A-2", "a-21", "2026-03-04T16:00:00.123Z", "call\n\"x\""),
                "{\"eventId\":\"s-1\",\"type\":\"ChannelSpend\",\"channel\":\"expo\",\"date\":\"2026-03-02\","
                        + "\"amount\":\"100.00\",\"reportedAt\":\"2026-03-03T00:00:00Z\",\"leadId\":\"A-1\"}",
                "{\"eventId\":\"s-1\",\"type\":\"ChannelSpend\",\"channel\":\"expo\",\"date\":\"2026-03-02\","
                        + "\"amount\":\"100.0\",\"reportedAt\":\"2026-03-03T08:00:00+08:00\"}",
                "{\"eventId\":\"s-1\",\"type\":\"ChannelSpend\",\"channel\":\"expo\",\"date\":\"2026-03-02\","
                        + "\"amount\":\"101.00\"}",
                "{\"eventId\":\"s-2\",\"type\":\"ChannelSpend\",\"channel\":\"expo\",\"date\":\"2026-03-02\","
                        + "\"amount\":\"150.00\",\"reportedAt\":\"2026-03-04T00:00:00Z\"}",
                "{\"eventId\":\"s-3\",\"type\":\"ChannelSpend\",\"channel\":\"expo\",\"date\":\"2026-3-02\","
                        + "\"amount\":\"1.00\"}"));
        if (Files.isDirectory(CORPUS)) {
            try (Stream<Path> files = Files.list(CORPUS)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                    l.add(Files.readString(f).strip().replace("\n", " "));
                }
            }
        }
        // the same lines again, later: every one a duplicate, a conflict or the same rejection
        List<String> twice = new ArrayList<>(l);
        java.util.Collections.shuffle(twice, new Random(3));
        l.addAll(twice);
        return l;
    }
}
