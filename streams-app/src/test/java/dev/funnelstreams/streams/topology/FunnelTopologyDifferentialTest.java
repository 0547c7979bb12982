package dev.funnelstreams.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.config.FunnelConfigLoader;
import dev.funnelstreams.core.generate.FunnelGenerator;
import dev.funnelstreams.core.generate.GeneratorOptions;
import dev.funnelstreams.core.metrics.view.OutputTopic;
import dev.funnelstreams.core.report.BatchReport;
import dev.funnelstreams.core.report.BatchResult;
import dev.funnelstreams.streams.runtime.Outputs;
import dev.funnelstreams.streams.runtime.ReportComparison;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The streaming topology and the batch report, fed the same generated events (shuffled, with
 * duplicates), hold the same records, except the wall-clock fields of SPEC section 7.
 */
class FunnelTopologyDifferentialTest {

    static final FunnelConfig CONFIG = FunnelConfigLoader.load(Path.of("src/test/resources/funnel.yaml"));

    private static final Pattern ESTIMATED_VALUE = Pattern.compile("\"estimatedValue\":\"[-0-9.]+\"");

    /**
     * Generated lines, a tenth of the estimated-value updates turned into clears ({@code ""}: the
     * generator writes none), shuffled, 5 % duplicated.
     */
    static List<String> generated(long seed, int leads, int days) throws Exception {
        return generated(CONFIG, seed, leads, days);
    }

    /** {@link #generated(long, int, int)} for another funnel. */
    static List<String> generated(FunnelConfig config, long seed, int leads, int days) throws Exception {
        List<String> lines = new ArrayList<>();
        Random clears = new Random(~seed);
        new FunnelGenerator(config, new GeneratorOptions(seed, leads, LocalDate.of(2026, 1, 5), days)).generate(line -> {
            if (line.contains("\"type\":\"LeadUpdated\"") && clears.nextInt(10) == 0) {
                line = ESTIMATED_VALUE.matcher(line).replaceFirst("\"estimatedValue\":\"\"");
            }
            lines.add(line);
        });
        Random rnd = new Random(seed);
        int n = lines.size();
        for (int i = 0; i < n / 20; i++) {
            lines.add(lines.get(rnd.nextInt(n)));
        }
        Collections.shuffle(lines, rnd);
        return lines;
    }

    @Test
    void streamingOutputsEqualBatchReportOnShuffledGeneratedEventsWithDuplicates() throws Exception {
        List<String> lines = generated(42, 400, 150);
        assertThat(lines).as("lines clearing estimatedValue").anyMatch(l -> l.contains("\"estimatedValue\":\"\""));
        assertSameOutputs(CONFIG, lines);
    }

    /**
     * Other funnels, a year of events each: time zones with daylight saving time (calendar periods and stays
     * across the clock changes), four and five stages, stalls and follow-up cadences in hours, a tier without a
     * cadence, a short conversion window, other periods, dimensions and targets.
     */
    @ParameterizedTest
    @ValueSource(strings = {"berlin.yaml", "new-york.yaml"})
    void streamingOutputsEqualBatchReportForOtherFunnels(String file) throws Exception {
        FunnelConfig config = FunnelConfigLoader.load(Path.of("src/test/resources/variants", file));
        assertSameOutputs(config, generated(config, 7, 300, 330));
    }

    private static void assertSameOutputs(FunnelConfig config, List<String> lines) {
        BatchResult batch = BatchReport.run(config, lines.iterator(), Optional.empty());
        assertThat(batch.rejections()).isEmpty();

        try (TopologyFixture f = new TopologyFixture(config, batch.asOf().plus(Duration.ofDays(1)))) {
            long start = System.nanoTime();
            for (String line : lines) {
                f.pipe(line);
            }
            f.flush();
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("differential: %d lines through TopologyTestDriver in %.1f s (%.0f events/s)%n",
                    lines.size(), seconds, lines.size() / seconds);

            assertThat(f.dlq()).isEmpty();
            // every topic compared whole: all but the reviews (below) and the alerts (the clock's question)
            for (OutputTopic topic : ReportComparison.WHOLE) {
                String name = f.topics.output(topic);
                Map<String, String> expected = Outputs.ofBatch(batch.records().get(topic));
                Map<String, String> actual = Outputs.ofStream(f.read(name));
                if (topic != OutputTopic.TARGET_PROGRESS || !config.targetPeriods().isEmpty()) {
                    assertThat(expected).as(name + " (batch) is not trivially empty").isNotEmpty();
                }
                assertThat(Outputs.diff(expected, actual)).as(name + ": batch vs stream").isEmpty();
            }
            // Which weeks the review covers depends on the clock (SPEC 7): compare the weeks both hold.
            Map<String, String> expectedWeeks = Outputs.ofBatch(batch.records().get(OutputTopic.WEEKLY_REVIEW));
            Map<String, String> actualWeeks = Outputs.ofStream(f.read(f.topics.weeklyReview()));
            assertThat(expectedWeeks).containsAllEntriesOf(actualWeeks);
            assertThat(actualWeeks.size()).isGreaterThanOrEqualTo(expectedWeeks.size() - 2);
            // the same for the monthly, quarterly and yearly reviews; the streaming clock (a day after the batch's
            // now) may have entered a period the batch's range does not reach yet (SPEC 9: up to the one of now)
            Map<String, String> expectedReviews = Outputs.ofBatch(batch.records().get(OutputTopic.PERIOD_REVIEW));
            Map<String, String> actualReviews = Outputs.ofStream(f.read(f.topics.periodReview()));
            assertThat(actualReviews).as("period reviews streamed").isNotEmpty();
            assertThat(expectedReviews.keySet()).as("period reviews of the batch streamed").isSubsetOf(actualReviews.keySet());
            assertThat(Outputs.diff(expectedReviews, restrict(actualReviews, expectedReviews.keySet())))
                    .as("period-review: batch vs stream").isEmpty();
            assertThat(actualReviews.size() - expectedReviews.size()).as("periods only the stream's clock reached")
                    .isLessThanOrEqualTo(config.periods().size());
        }
    }

    @Test
    void unpairedSurrogatesReadAsAvroCarriesThemInBatchAndStreamingAlike() {
        // JSON escapes of surrogates without a partner: Avro (UTF-8) carries '?' for them, and so must the report:
        // an owner "a", U+D800, "b" is "a?b" in both, two leadIds differing only there are one lead in both
        List<String> lines = List.of(
                "{\"eventId\":\"u-1\",\"type\":\"LeadCreated\",\"leadId\":\"L-u\\ud800\",\"occurredAt\":"
                        + "\"2026-03-02T01:30:00Z\",\"channel\":\"web\\udc00\",\"owner\":\"a\\ud800b\",\"stage\":\"lead\"}",
                "{\"eventId\":\"u-2\",\"type\":\"StageChanged\",\"leadId\":\"L-u\\ud801\",\"occurredAt\":"
                        + "\"2026-03-03T01:30:00Z\",\"toStage\":\"discovery\"}",
                "{\"eventId\":\"u-3\",\"type\":\"OwnerChanged\",\"leadId\":\"L-u\\ud801\",\"occurredAt\":"
                        + "\"2026-03-04T01:30:00Z\",\"owner\":\"\\ud83d\\ude00 \\ud83d\"}",
                "{\"eventId\":\"u-4\",\"type\":\"ChannelSpend\",\"channel\":\"web\\udc00\",\"date\":\"2026-03-02\","
                        + "\"amount\":\"100.00\"}");
        BatchResult batch = BatchReport.run(CONFIG, lines.iterator(), Optional.empty());
        assertThat(batch.rejections()).isEmpty();
        assertThat(batch.stats().leads()).isEqualTo(1);

        try (TopologyFixture f = new TopologyFixture(CONFIG, batch.asOf().plus(Duration.ofDays(1)))) {
            lines.forEach(f::pipe);
            f.flush();

            assertThat(f.dlq()).isEmpty();
            assertThat(f.read(f.topics.leadState()).values()).singleElement()
                    .satisfies(v -> assertThat(v.get("owner").asText()).isEqualTo("\uD83D\uDE00 ?"));
            for (OutputTopic topic : ReportComparison.WHOLE) {
                String name = f.topics.output(topic);
                Map<String, String> expected = Outputs.ofBatch(batch.records().get(topic));
                assertThat(Outputs.diff(expected, Outputs.ofStream(f.read(name)))).as(name + ": batch vs stream").isEmpty();
            }
        }
    }

    /** {@code records} on the given keys only. */
    static Map<String, String> restrict(Map<String, String> records, java.util.Set<String> keys) {
        Map<String, String> out = new java.util.TreeMap<>(records);
        out.keySet().retainAll(keys);
        return out;
    }
}
