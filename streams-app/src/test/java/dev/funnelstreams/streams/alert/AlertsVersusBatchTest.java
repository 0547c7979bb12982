package dev.funnelstreams.streams.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelstreams.avro.out.Alert;
import dev.funnelstreams.avro.out.AlertStatus;
import dev.funnelstreams.avro.out.AlertType;
import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.generate.FunnelGenerator;
import dev.funnelstreams.core.generate.GeneratorOptions;
import dev.funnelstreams.core.metrics.view.OutputRecord;
import dev.funnelstreams.core.metrics.view.OutputTopic;
import dev.funnelstreams.core.report.BatchReport;
import dev.funnelstreams.core.report.BatchResult;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** CONVERSION_DROP on closed weeks, and the streaming app's open alerts against the batch report's. */
class AlertsVersusBatchTest {

    static final FunnelConfig CONFIG = AlertTimersTopologyTest.CONFIG;
    static final Instant NOW = AlertTimersTopologyTest.NOW;
    /** 2026-W11 in Asia/Shanghai ends 2026-03-16T00:00+08:00; grace P1D. */
    static final Instant W11_CLOSES = Instant.parse("2026-03-16T16:00:00Z");

    /** Week W10: {@code leads} created, {@code movedW10} of them to discovery; week W11 likewise. */
    static void twoWeeks(AlertFixture f, int leads, int movedW10, int movedW11) {
        for (int i = 0; i < leads; i++) {
            f.pipe(AlertTimersTopologyTest.created("A-" + i, Instant.parse("2026-03-03T02:00:00Z"), "1000.00"));
            f.pipe(AlertTimersTopologyTest.created("B-" + i, Instant.parse("2026-03-10T02:00:00Z"), "1000.00"));
        }
        for (int i = 0; i < movedW10; i++) {
            f.pipe(AlertTimersTopologyTest.moved("A-" + i, Instant.parse("2026-03-04T02:00:00Z"), "discovery"));
        }
        for (int i = 0; i < movedW11; i++) {
            f.pipe(AlertTimersTopologyTest.moved("B-" + i, Instant.parse("2026-03-11T02:00:00Z"), "discovery"));
        }
        f.advance(Duration.ofSeconds(1));
    }

    static List<Alert> drops(AlertFixture f) {
        return AlertTimersTopologyTest.of(f.emitted(), AlertType.CONVERSION_DROP);
    }

    @Test
    void raisesConversionDropOnlyOnceTheWeekIsClosedByStreamTime() {
        try (AlertFixture f = new AlertFixture(CONFIG, NOW)) {
            twoWeeks(f, 20, 10, 2); // lead -> discovery: 50 % then 10 %
            assertThat(drops(f)).as("stream time is in W11: not closed (the wall clock does not close weeks)").isEmpty();
            f.pipe(AlertTimersTopologyTest.created("X-1", W11_CLOSES, "1000.00"));
            f.advance(Duration.ofSeconds(1));
            assertThat(drops(f)).as("stream time at end + grace: not strictly past").isEmpty();
            f.pipe(AlertTimersTopologyTest.created("X-2", W11_CLOSES.plusMillis(1), "1000.00"));
            f.advance(Duration.ofSeconds(1));
            List<Alert> drops = drops(f);
            assertThat(drops).hasSize(1);
            Alert drop = drops.get(0);
            assertThat(drop.getStatus()).isEqualTo(AlertStatus.RAISED);
            assertThat(drop.getStage()).isEqualTo("lead");
            assertThat(drop.getLeadId()).isNull();
            assertThat(drop.getSince()).isEqualTo(Instant.parse("2026-03-08T16:00:00Z"));
            assertThat(drop.getDeadline()).isEqualTo(W11_CLOSES);
            assertThat(drop.getMessage()).startsWith("2026-W11「线索获取」→「需求挖掘」转化率 10.0%，上周 50.0%");
            f.pipe(AlertTimersTopologyTest.created("X-3", W11_CLOSES.plus(Duration.ofDays(1)), "1000.00"));
            f.advance(Duration.ofSeconds(1));
            assertThat(drops(f)).as("raised once").hasSize(1);
        }
    }

    @Test
    void raisesNoConversionDropWithoutEnoughSample() {
        try (AlertFixture f = new AlertFixture(CONFIG, NOW)) {
            twoWeeks(f, 19, 10, 1); // minSample 20
            f.pipe(AlertTimersTopologyTest.created("X-1", W11_CLOSES.plus(Duration.ofDays(2)), "1000.00"));
            f.advance(Duration.ofSeconds(1));
            assertThat(drops(f)).isEmpty();
        }
    }

    /** The comparable content of an alert: everything but raisedAt (the wall clock). */
    static String text(String alertId, Object type, Object status, String leadId, String stage, String stageName,
            String owner, String tier, String channel, Instant since, Instant deadline, String message) {
        return String.join("|", alertId, type.toString(), status.toString(), String.valueOf(leadId), stage, stageName,
                String.valueOf(owner), String.valueOf(tier), String.valueOf(channel), since.toString(),
                deadline.toString(), message);
    }

    static String text(Alert a) {
        return text(a.getAlertId(), a.getType(), a.getStatus(), a.getLeadId(), a.getStage(), a.getStageName(),
                a.getOwner(), a.getTier(), a.getChannel(), a.getSince(), a.getDeadline(), a.getMessage());
    }

    static String text(dev.funnelstreams.core.alert.Alert a) {
        return text(a.alertId(), a.type(), a.status(), a.leadId(), a.stage(), a.stageName(), a.owner(), a.tier(),
                a.channel(), a.since(), a.deadline(), a.message());
    }

    @Test
    void replayOfAYearRaisesOnlyTheAlertsStillOpenAtItsEndAndTheyEqualTheBatchReport() throws Exception {
        List<String> lines = new ArrayList<>();
        new FunnelGenerator(CONFIG, new GeneratorOptions(7, 150, LocalDate.of(2025, 3, 1), 365)).generate(lines::add);
        lines.removeIf(l -> l.contains("\"type\":\"ChannelSpend\""));
        Collections.shuffle(lines, new Random(7)); // a backlog in no particular order
        Instant end = BatchReport.run(CONFIG, lines.iterator(), Optional.empty()).asOf();

        try (AlertFixture f = new AlertFixture(CONFIG, end)) {
            // loaded at once, with the wall clock (and so the punctuator) running meanwhile
            for (int i = 0; i < lines.size(); i++) {
                f.pipe(lines.get(i));
                if (i % 50 == 0) {
                    f.advance(Duration.ofSeconds(1));
                }
            }
            assertThat(f.emitted()).as("nothing while the backlog is loading").isEmpty();
            f.advance(AlertTimersTopologyTest.CAUGHT_UP);
            f.advance(Duration.ofSeconds(1));
            Instant clock = end.plusSeconds((lines.size() + 49) / 50).plus(AlertTimersTopologyTest.CAUGHT_UP)
                    .plusSeconds(1);

            List<Alert> emitted = f.emitted();
            assertThat(emitted).extracting(Alert::getStatus).containsOnly(AlertStatus.RAISED);
            assertThat(emitted.stream().map(Alert::getAlertId).distinct().count()).isEqualTo(emitted.size());

            BatchResult batch = BatchReport.run(CONFIG, lines.iterator(), Optional.of(clock));
            Set<String> expected = batch.records().get(OutputTopic.ALERTS).stream()
                    .map(OutputRecord::value).map(v -> text((dev.funnelstreams.core.alert.Alert) v))
                    .collect(Collectors.toCollection(TreeSet::new));
            Set<String> actual = f.open().stream().map(AlertsVersusBatchTest::text)
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(expected).as("the batch report has alerts to compare").hasSizeGreaterThan(10);
            assertThat(actual).isEqualTo(expected);
            System.out.printf("replay: %d events, %d open alerts (%s)%n", lines.size(), actual.size(),
                    f.open().stream().collect(Collectors.groupingBy(Alert::getType, Collectors.counting())));
        }
    }
}
