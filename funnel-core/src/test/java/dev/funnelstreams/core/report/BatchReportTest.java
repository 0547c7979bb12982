package dev.funnelstreams.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelstreams.core.alert.Alert;
import dev.funnelstreams.core.alert.AlertType;
import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.config.PeriodKind;
import dev.funnelstreams.core.fixture.TestFunnel;
import dev.funnelstreams.core.metrics.ChannelCostKey;
import dev.funnelstreams.core.metrics.view.ChannelCostValue;
import dev.funnelstreams.core.metrics.view.LeadStateKey;
import dev.funnelstreams.core.metrics.view.LeadStateValue;
import dev.funnelstreams.core.metrics.view.OutputRecord;
import dev.funnelstreams.core.metrics.view.OutputTopic;
import dev.funnelstreams.core.metrics.view.TargetProgressValue;
import dev.funnelstreams.core.period.Period;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchReportTest {

    private static final String CREATED = "{\"eventId\":\"e-1\",\"type\":\"LeadCreated\",\"leadId\":\"L-1\","
            + "\"occurredAt\":\"2026-03-02T09:30:00+08:00\",\"channel\":\"expo\",\"campaign\":\"expo-sh-2026\","
            + "\"owner\":\"zhang.wei\",\"stage\":\"lead\",\"customer\":{\"name\":\"华东精密\",\"industry\":\"manufacturing\","
            + "\"size\":\"200-500\"},\"contact\":{\"name\":\"王芳\",\"title\":\"采购经理\",\"phone\":\"+86 138 0000 0000\"},"
            + "\"estimatedValue\":\"200000.00\",\"tier\":null}";
    private static final String MOVED = "{\"eventId\":\"e-2\",\"type\":\"StageChanged\",\"leadId\":\"L-1\","
            + "\"occurredAt\":\"2026-03-04T09:30:00+08:00\",\"toStage\":\"discovery\",\"fromStage\":\"lead\"}";
    private static final String MOVED_OTHER = "{\"eventId\":\"e-2\",\"type\":\"StageChanged\",\"leadId\":\"L-1\","
            + "\"occurredAt\":\"2026-03-04T09:30:00+08:00\",\"toStage\":\"proposal\"}";
    private static final String UNKNOWN_STAGE = "{\"eventId\":\"e-3\",\"type\":\"StageChanged\",\"leadId\":\"L-1\","
            + "\"occurredAt\":\"2026-03-05T09:30:00+08:00\",\"toStage\":\"nowhere\"}";
    private static final String SPEND = "{\"eventId\":\"s-1\",\"type\":\"ChannelSpend\",\"channel\":\"expo\","
            + "\"campaign\":\"expo-sh-2026\",\"date\":\"2026-03-02\",\"amount\":\"12000.00\",\"currency\":\"CNY\","
            + "\"reportedAt\":\"2026-03-03T10:00:00+08:00\"}";
    private static final String RESTATED = "{\"eventId\":\"s-2\",\"type\":\"ChannelSpend\",\"channel\":\"expo\","
            + "\"campaign\":\"expo-sh-2026\",\"date\":\"2026-03-02\",\"amount\":\"15000.00\","
            + "\"reportedAt\":\"2026-03-10T10:00:00+08:00\"}";
    private static final String LATE_LEAD = "{\"eventId\":\"e-9\",\"type\":\"LeadCreated\",\"leadId\":\"L-2\","
            + "\"occurredAt\":\"2026-04-10T09:30:00+08:00\",\"channel\":\"expo\"}";

    private final FunnelConfig cfg = TestFunnel.standard();

    private static List<OutputRecord> records(BatchResult r, OutputTopic topic) {
        return r.records().get(topic);
    }

    @Test
    void ignoresFieldsTheTypeDoesNotDefineCountingThemByTypeAndName() {
        String withExtras = MOVED.replace("}", ",\"source_url\":\"https://crm/x\",\"customer\":{}}");
        String spendWithExtra = SPEND.replace("}", ",\"leadId\":\"L-1\"}");
        BatchResult plain = BatchReport.run(cfg, List.of(SPEND, CREATED, MOVED).iterator(), Optional.empty());
        BatchResult extras = BatchReport.run(cfg, List.of(spendWithExtra, CREATED, withExtras, withExtras).iterator(),
                Optional.empty());

        assertThat(extras.stats().ignoredFields()).containsExactly(Map.entry("ChannelSpend.leadId", 1L),
                Map.entry("StageChanged.customer", 2L), Map.entry("StageChanged.source_url", 2L));
        // ignored: the same records, and the repeated line is a duplicate (the ignored fields are no content)
        assertThat(extras.records()).isEqualTo(plain.records());
        assertThat(extras.stats().duplicates()).isEqualTo(1);
        assertThat(extras.stats().rejected()).isZero();
    }

    @Test
    void appliesFirstArrivalsCountsDuplicatesAndRejectsWithLineNumbers() {
        List<String> lines = List.of(SPEND, "", CREATED, MOVED, MOVED, MOVED_OTHER, "  ", UNKNOWN_STAGE, "{oops",
                RESTATED);
        BatchResult r = BatchReport.run(cfg, lines.iterator(), Optional.empty());
        assertThat(r.stats()).isEqualTo(new BatchStats(8, 4, 3, 1, 1));
        assertThat(r.rejections()).extracting(Rejection::line).containsExactly(6L, 8L, 9L);
        assertThat(r.rejections().get(0).reason()).isEqualTo("eventId e-2: same eventId with different content");
        assertThat(r.rejections().get(1).reason()).contains("toStage").contains("nowhere");
        // default as-of: the latest accepted occurredAt
        assertThat(r.asOf()).isEqualTo(Instant.parse("2026-03-04T01:30:00Z"));
        assertThat(records(r, OutputTopic.LEAD_STATE)).containsExactly(new OutputRecord(OutputTopic.LEAD_STATE,
                new LeadStateKey("L-1"), new LeadStateValue("discovery", true, Instant.parse("2026-03-04T01:30:00Z"),
                        Map.of("lead", Instant.parse("2026-03-02T01:30:00Z"),
                                "discovery", Instant.parse("2026-03-04T01:30:00Z")),
                        "zhang.wei", "B", "expo", Instant.parse("2026-03-04T01:30:00Z"))));
        ChannelCostValue march = (ChannelCostValue) records(r, OutputTopic.CHANNEL_COSTS).stream()
                .filter(x -> x.key().equals(new ChannelCostKey(Period.parse("2026-03"), "expo"))).findFirst()
                .orElseThrow().value();
        assertThat(march.spend()).isEqualTo(new BigDecimal("15000.00"));
        assertThat(march.leads()).isEqualTo(1);
        assertThat(march.costPerLead()).isEqualTo(new BigDecimal("15000.00"));
    }

    @Test
    void linesGivenAsTheirUtf8BytesGiveTheReportOfTheLinesDecoded() {
        byte[] malformed = (CREATED.substring(0, CREATED.length() - 2) + "X\"}").getBytes(StandardCharsets.UTF_8);
        malformed[malformed.length - 3] = (byte) 0xE4; // a truncated sequence before the closing quote: U+FFFD
        List<byte[]> lines = Stream.of(SPEND, "", CREATED, MOVED, MOVED, MOVED_OTHER, "  ", "\u3000\t", "\u00a0",
                UNKNOWN_STAGE, "{oops", RESTATED, LATE_LEAD.replace("L-2", "L-线索"), "\uFEFF" + SPEND,
                MOVED.replace("e-2", "e-\\u0033"))
                .map(line -> line.getBytes(StandardCharsets.UTF_8)).collect(java.util.stream.Collectors.toList());
        lines.add(malformed);
        lines.add(new byte[] {'{', (byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80, '}'});
        Clock clock = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);

        BatchResult fromBytes = BatchReport.runUtf8(cfg, lines.iterator(), Optional.empty(), clock, 2, (p, n) -> { });
        BatchResult decoded = BatchReport.run(cfg, lines.stream().map(b -> new String(b, StandardCharsets.UTF_8))
                .iterator(), Optional.empty(), clock, 2);

        assertThat(fromBytes).isEqualTo(decoded);
        assertThat(fromBytes.stats().read()).as("the blank lines (also U+3000) are not read").isEqualTo(14);
        assertThat(fromBytes.rejections()).isNotEmpty();
    }

    @Test
    void asOfIsNowForTheFutureSkewCheckAndTheAlerts() {
        BatchResult r = BatchReport.run(cfg, List.of(CREATED, MOVED, LATE_LEAD).iterator(),
                Optional.of(Instant.parse("2026-04-03T01:30:00Z")));
        assertThat(r.rejections()).extracting(Rejection::line).containsExactly(3L);
        assertThat(r.rejections().get(0).reason()).contains("future");
        List<Alert> alerts = records(r, OutputTopic.ALERTS).stream().map(x -> (Alert) x.value()).toList();
        // discovery since 03-04 09:30 local + 30 days = 04-03 09:30 local = the as-of: STALL; tier B follows up every 3 days
        assertThat(alerts).extracting(Alert::type)
                .containsExactlyInAnyOrder(AlertType.STALL, AlertType.FOLLOW_UP_OVERDUE);
        assertThat(alerts).extracting(Alert::raisedAt).containsOnly(Instant.parse("2026-04-03T01:30:00Z"));
    }

    @Test
    void aYearIsAPeriodLikeAnyOtherWhenConfiguredAndCarriesItsTargets() {
        FunnelConfig years = TestFunnel.builder().periods(PeriodKind.MONTH, PeriodKind.YEAR)
                .targets(Map.of("2026", Map.of("discovery", 4L))).build();
        BatchResult r = BatchReport.run(years, List.of(CREATED, MOVED).iterator(),
                Optional.of(Instant.parse("2026-07-02T16:00:00Z")));
        List<String> periods = records(r, OutputTopic.STAGE_FLOW).stream()
                .map(x -> ((dev.funnelstreams.core.metrics.StageFlowKey) x.key()).period().label()).distinct().sorted()
                .toList();
        assertThat(periods).containsExactly("2026", "2026-03");
        // the year's cells hold the same facts as March's: the lead reached lead and discovery in March 2026
        assertThat(records(r, OutputTopic.STAGE_FLOW).stream().filter(x -> ((dev.funnelstreams.core.metrics.StageFlowKey)
                x.key()).period().label().equals("2026")).map(OutputRecord::value).toList())
                .isEqualTo(records(r, OutputTopic.STAGE_FLOW).stream().filter(x -> ((dev.funnelstreams.core.metrics
                        .StageFlowKey) x.key()).period().label().equals("2026-03")).map(OutputRecord::value).toList());
        OutputRecord target = records(r, OutputTopic.TARGET_PROGRESS).get(0);
        TargetProgressValue progress = (TargetProgressValue) target.value();
        assertThat(progress.target()).isEqualTo(4L);
        assertThat(progress.actual()).isEqualTo(1L);
        // as of July 3 00:00 local, 183 of 365 days of 2026 have passed: 4 x 183 / 365
        assertThat(progress.expectedByNow()).isCloseTo(4.0 * 183 / 365, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void defaultsToTheWallClockWithoutLeadEvents() {
        Clock clock = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);
        BatchResult r = BatchReport.run(cfg, List.of(SPEND).iterator(), Optional.empty(), clock);
        assertThat(r.asOf()).isEqualTo(clock.instant());
        assertThat(r.stats()).isEqualTo(new BatchStats(1, 1, 0, 0, 0));
        assertThat(records(r, OutputTopic.CHANNEL_COSTS)).hasSize(3);
        assertThat(records(r, OutputTopic.WEEKLY_REVIEW)).isEmpty();
    }

    @Test
    void writesOneFilePerTopicAndNoContactData(@TempDir Path dir) throws IOException {
        BatchResult r = BatchReport.run(cfg, List.of(CREATED, MOVED, "{oops").iterator(),
                Optional.of(Instant.parse("2026-04-03T01:30:00Z")));
        ReportWriter.write(r, dir);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("stage-flow.jsonl",
                    "conversions.jsonl", "loss-reasons.jsonl", "channel-costs.jsonl", "stage-snapshot.jsonl",
                    "target-progress.jsonl", "weekly-review.jsonl", "lead-state.jsonl", "alerts.jsonl", "pipeline.jsonl",
                    "sales-kpis.jsonl", "period-review.jsonl",
                    "rejected.jsonl");
        }
        assertThat(Files.readAllLines(dir.resolve("lead-state.jsonl"))).containsExactly("{\"key\":{\"leadId\":\"L-1\"},"
                + "\"value\":{\"stage\":\"discovery\",\"active\":true,\"enteredAt\":\"2026-03-04T01:30:00Z\","
                + "\"reachedAt\":{\"lead\":\"2026-03-02T01:30:00Z\",\"discovery\":\"2026-03-04T01:30:00Z\"},"
                + "\"owner\":\"zhang.wei\",\"tier\":\"B\",\"channel\":\"expo\",\"lastTouchAt\":\"2026-03-04T01:30:00Z\"}}");
        List<String> rejected = Files.readAllLines(dir.resolve("rejected.jsonl"));
        assertThat(rejected).hasSize(1);
        assertThat(rejected.get(0)).startsWith("{\"line\":3,\"reason\":\"");
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String text = Files.readString(f, StandardCharsets.UTF_8);
                assertThat(text).as(f.toString()).doesNotContain("王芳").doesNotContain("138 0000");
            }
        }
    }
}
