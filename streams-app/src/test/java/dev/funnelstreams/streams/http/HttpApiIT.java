package dev.funnelstreams.streams.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.generate.FunnelGenerator;
import dev.funnelstreams.core.generate.GeneratorOptions;
import dev.funnelstreams.core.metrics.ChannelCostKey;
import dev.funnelstreams.core.metrics.StageFlowKey;
import dev.funnelstreams.core.metrics.WeekKey;
import dev.funnelstreams.core.metrics.ReviewKey;
import dev.funnelstreams.core.metrics.view.LeadStateKey;
import dev.funnelstreams.core.metrics.view.OutputRecord;
import dev.funnelstreams.core.metrics.view.OutputTopic;
import dev.funnelstreams.core.report.BatchReport;
import dev.funnelstreams.core.report.BatchResult;
import dev.funnelstreams.streams.AppConfig;
import dev.funnelstreams.streams.AppConfigLoader;
import dev.funnelstreams.streams.SerdeFactory;
import dev.funnelstreams.streams.StoreNames;
import dev.funnelstreams.streams.Topics;
import dev.funnelstreams.streams.runtime.ClientSettings;
import dev.funnelstreams.streams.runtime.EventProducer;
import dev.funnelstreams.streams.runtime.FunnelStreamsApp;
import dev.funnelstreams.streams.runtime.TopicAdmin;
import dev.funnelstreams.streams.topology.PipelineHarness;
import dev.funnelstreams.testkit.TestCluster;
import dev.funnelstreams.testkit.WithKafkaAndRegistry;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP API of two app instances (one application.id, separate state directories and ports,
 * 3 partitions) on the real in-JVM broker and Apicurio registry: every endpoint answers with the
 * SPEC's field names and the batch report's numbers for the same events, on either instance
 * (scans merge both instances' partitions; a lead owned by the other instance is forwarded);
 * the bearer token is required; /metrics and /health follow the app.
 */
@WithKafkaAndRegistry
class HttpApiIT {

    private static final String TOKEN = "it-token-7";
    private static final String APP_ID = "funnel-http-it";

    private TestCluster cluster;

    @TempDir
    Path tmp;

    @Test
    void twoInstancesAnswerEveryEndpointLikeTheBatchReportAndForwardLeadsTheOtherOwns() throws Exception {
        String yaml = Files.readString(Path.of("src/test/resources/funnel.yaml"));
        AppConfig base = AppConfigLoader.parse(yaml, new AppConfigLoader.Overrides(cluster.bootstrapServers(),
                cluster.registryUrl(), APP_ID, tmp.resolve("state-a"), 3, (short) 1).withHttp(null, 0, TOKEN));
        FunnelConfig funnel = base.funnel();
        Topics topics = Topics.prefixed("http-it.");

        // Generated history that ends before now, so that nothing is "in the future" for the app's wall clock.
        List<String> lines = new ArrayList<>();
        new FunnelGenerator(funnel, new GeneratorOptions(11, 150, LocalDate.now(Clock.systemUTC()).minusDays(110), 100))
                .generate(lines::add);
        Path events = tmp.resolve("events.jsonl");
        Files.write(events, lines);
        assertThat(TopicAdmin.createMissing(base, topics)).containsExactlyInAnyOrderElementsOf(topics.all());
        EventProducer.Summary produced = new EventProducer(base, topics, SerdeFactory.of(base.registry()),
                Clock.systemUTC()).produce(events);
        Set<Long> rejectedLines = produced.rejected().stream().map(EventProducer.Rejected::line).collect(Collectors.toSet());
        List<String> accepted = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!rejectedLines.contains((long) i + 1)) {
                accepted.add(lines.get(i));
            }
        }
        BatchResult batch = BatchReport.run(funnel, accepted.iterator(), Optional.empty());
        assertThat(batch.rejections()).isEmpty();
        try (KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(ClientSettings.producer(base),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(topics.leadEvents(), "L-garbage".getBytes(StandardCharsets.UTF_8),
                    "not avro".getBytes(StandardCharsets.UTF_8))).get();
        }

        AppConfig configB = AppConfigLoader.parse(yaml, new AppConfigLoader.Overrides(cluster.bootstrapServers(),
                cluster.registryUrl(), APP_ID, tmp.resolve("state-b"), 3, (short) 1).withHttp(null, 0, TOKEN));
        try (FunnelStreamsApp a = FunnelStreamsApp.start(base, topics);
                FunnelStreamsApp b = FunnelStreamsApp.start(configB, topics)) {
            ApiClient apiA = new ApiClient(a.httpUri().orElseThrow(), TOKEN);
            ApiClient apiB = new ApiClient(b.httpUri().orElseThrow(), TOKEN);
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() ->
                    a.state() == KafkaStreams.State.RUNNING && b.state() == KafkaStreams.State.RUNNING
                            && ownsLeadPartitions(a) && ownsLeadPartitions(b));
            PipelineHarness.awaitCaughtUp(base, topics);

            assertThat(apiA.get("/health/ready").status()).isEqualTo(200);
            assertThat(apiB.get("/health/ready").status()).isEqualTo(200);
            bearerTokenIsRequiredExceptForHealth(apiA);

            for (ApiClient api : List.of(apiA, apiB)) {
                funnelEqualsBatch(api, batch, funnel);
                listEqualsBatch(api.ok("/api/channel-costs"), batch, OutputTopic.CHANNEL_COSTS);
                listEqualsBatch(api.ok("/api/snapshot"), batch, OutputTopic.STAGE_SNAPSHOT);
                listEqualsBatch(api.ok("/api/targets"), batch, OutputTopic.TARGET_PROGRESS);
                listEqualsBatch(api.ok("/api/pipeline"), batch, OutputTopic.PIPELINE);
                listEqualsBatch(api.ok("/api/sales-kpis"), batch, OutputTopic.SALES_KPIS);
                periodReviewEqualsBatch(api, batch);
                weeklyReviewEqualsBatch(api, batch);
            }
            oneChannelCostPeriodEqualsBatch(apiB, batch);
            configNamesStages(apiA);
            leadsEqualBatchAndAreForwardedToTheirOwner(a, b, apiA, apiB, batch);
            for (ApiClient api : List.of(apiA, apiB)) {
                LeadListChecks.pagesVisitEveryLeadOnceInOrderWithTheBatchValues(api, batch);
            }
            LeadListChecks.filtersSelectTheBatchSubset(apiB, batch);
            LeadListChecks.oneLeadCarriesItsStaysEndingInItsCurrentStage(apiA, batch);
            metricsExposeStreamsAndDlq(apiA, apiB);
            openAlertsEqualTheBatchReportAtTheSameInstant(apiA, apiB, funnel, accepted);
            // after the alerts are out: the alerts table has rows with Chinese stage names
            String period = ((StageFlowKey) batch.records().get(OutputTopic.STAGE_FLOW).get(0).key()).period().label();
            CsvChecks.everyTableIsTheJsonRecordsAsCsv(apiA, a.httpUri().orElseThrow(), TOKEN, period);
            CsvChecks.badCsvParametersAre400NamingThem(apiB, period);
            // after alerts were raised (funnel_alerts_raised_total exists from the first one on)
            assertThat(MonitoringFilesTest.missingFrom(apiA.get("/metrics").body() + apiB.get("/metrics").body()))
                    .as("metric names in docker/grafana and docker/prometheus that /metrics does not export").isEmpty();
        }
    }

    private static void bearerTokenIsRequiredExceptForHealth(ApiClient api) {
        ApiClient none = api.withToken(null);
        ApiClient wrong = api.withToken("not-the-token");
        for (String path : List.of("/api/config", "/api/funnel?period=2026-W01", "/api/leads/L-1", "/metrics",
                "/internal/scan?store=" + StoreNames.CELL_TOTALS + "&partitions=0")) {
            assertThat(none.get(path).status()).as("no token: " + path).isEqualTo(401);
            assertThat(wrong.get(path).status()).as("wrong token: " + path).isEqualTo(401);
        }
        assertThat(none.get("/health").status()).isEqualTo(200);
        assertThat(none.get("/health/ready").status()).isEqualTo(200);
        assertThat(api.get("/api/config").status()).isEqualTo(200);
    }

    /** Every period with data x every dimension: together exactly the batch's stage-flow, conversions and loss reasons. */
    private static void funnelEqualsBatch(ApiClient api, BatchResult batch, FunnelConfig funnel) {
        JsonNode periods = api.ok("/api/periods");
        assertThat(periods.get("stale").asBoolean()).isFalse();
        Set<String> expectedPeriods = new HashSet<>();
        batch.records().get(OutputTopic.STAGE_FLOW).forEach(r -> expectedPeriods.add(
                ((StageFlowKey) r.key()).period().label()));
        Set<String> listed = new HashSet<>();
        periods.get("periods").forEach(kind -> kind.forEach(p -> listed.add(p.asText())));
        assertThat(listed).isEqualTo(expectedPeriods);

        Map<String, String> flow = new TreeMap<>();
        Map<String, String> conversions = new TreeMap<>();
        Map<String, String> losses = new TreeMap<>();
        List<String> dimensions = new ArrayList<>();
        api.ok("/api/config").get("dimensions").forEach(d -> dimensions.add(d.asText()));
        for (String period : listed) {
            for (String dim : dimensions) {
                JsonNode f = api.ok("/api/funnel?period=" + period + "&dimension=" + dim);
                assertThat(f.get("period").asText()).isEqualTo(period);
                assertThat(f.get("stale").asBoolean()).isFalse();
                flow.putAll(Records.ofApi(f.get("stageFlow")));
                conversions.putAll(Records.ofApi(f.get("conversions")));
                losses.putAll(Records.ofApi(f.get("lossReasons")));
            }
        }
        assertThat(flow).isEqualTo(Records.ofBatch(batch.records().get(OutputTopic.STAGE_FLOW)));
        assertThat(conversions).isEqualTo(Records.ofBatch(batch.records().get(OutputTopic.CONVERSIONS)));
        assertThat(losses).isEqualTo(Records.ofBatch(batch.records().get(OutputTopic.LOSS_REASONS)));

        // one dimension value: the subset of that value, with the SPEC's field names
        OutputRecord any = batch.records().get(OutputTopic.STAGE_FLOW).stream()
                .filter(r -> ((StageFlowKey) r.key()).dimension().equals("channel"))
                .findFirst().orElseThrow();
        var key = (StageFlowKey) any.key();
        JsonNode one = api.ok("/api/funnel?period=" + key.period().label() + "&dimension=channel&value="
                + URLEncoder.encode(key.dimensionValue(), StandardCharsets.UTF_8));
        assertThat(one.get("dimensionValue").asText()).isEqualTo(key.dimensionValue());
        one.get("stageFlow").forEach(r -> {
            assertThat(r.get("key").get("dimensionValue").asText()).isEqualTo(key.dimensionValue());
            assertThat(fieldNames(r.get("key"))).containsExactly("period", "dimension", "dimensionValue", "stage");
            assertThat(fieldNames(r.get("value"))).containsExactly("reached", "entered", "lost", "exited",
                    "meanDaysInStage");
        });
        one.get("conversions").forEach(r -> assertThat(fieldNames(r.get("value"))).containsExactly("flowNumerator",
                "flowDenominator", "flowRate", "cohortSize", "cohortConverted", "cohortRate", "meanDaysToConvert",
                "mature"));
        assertThat(api.get("/api/funnel").status()).isEqualTo(400);
        assertThat(api.get("/api/funnel?period=2026-W01&dimension=colour").status()).isEqualTo(400);
    }

    private static void listEqualsBatch(JsonNode answer, BatchResult batch, OutputTopic topic) {
        assertThat(answer.get("stale").asBoolean()).isFalse();
        assertThat(Records.ofApi(answer.get("records"))).as(topic.topic())
                .isEqualTo(Records.ofBatch(batch.records().get(topic)));
    }

    private static void oneChannelCostPeriodEqualsBatch(ApiClient api, BatchResult batch) {
        OutputRecord any = batch.records().get(OutputTopic.CHANNEL_COSTS).get(0);
        String period = ((ChannelCostKey) any.key()).period().label();
        Map<String, String> expected = Records.ofBatch(batch.records().get(OutputTopic.CHANNEL_COSTS).stream()
                .filter(r -> ((ChannelCostKey) r.key()).period().label().equals(period))
                .toList());
        JsonNode answer = api.ok("/api/channel-costs?period=" + period);
        assertThat(Records.ofApi(answer.get("records"))).isEqualTo(expected);
        answer.get("records").forEach(r -> assertThat(fieldNames(r.get("value"))).containsExactly("spend", "leads",
                "opportunities", "won", "wonValue", "opportunitiesInPeriod", "wonInPeriod", "wonValueInPeriod",
                "costPerLead", "costPerOpportunity", "costPerWon", "leadToOpportunityRate", "roi"));
    }

    /** The API covers through the current week, the batch through its as-of week: equal on the batch's weeks. */
    private static void weeklyReviewEqualsBatch(ApiClient api, BatchResult batch) {
        Map<String, String> expected = Records.ofBatch(batch.records().get(OutputTopic.WEEKLY_REVIEW));
        Map<String, String> actual = Records.ofApi(api.ok("/api/weekly-review").get("records"));
        assertThat(expected).isNotEmpty();
        assertThat(actual).containsAllEntriesOf(expected);
        OutputRecord first = batch.records().get(OutputTopic.WEEKLY_REVIEW).get(0);
        String week = ((WeekKey) first.key()).week().label();
        JsonNode one = api.ok("/api/weekly-review?week=" + week);
        assertThat(one.get("records")).hasSize(1);
        assertThat(Records.ofApi(one.get("records"))).isEqualTo(Records.ofBatch(List.of(first)));
    }

    /** Like the weekly review: the API covers through the current period, the batch through its as-of's. */
    private static void periodReviewEqualsBatch(ApiClient api, BatchResult batch) {
        Map<String, String> expected = Records.ofBatch(batch.records().get(OutputTopic.PERIOD_REVIEW));
        assertThat(expected).isNotEmpty();
        assertThat(Records.ofApi(api.ok("/api/period-review").get("records"))).containsAllEntriesOf(expected);
        OutputRecord first = batch.records().get(OutputTopic.PERIOD_REVIEW).get(0);
        JsonNode one = api.ok("/api/period-review?period=" + ((ReviewKey) first.key()).period().label());
        assertThat(Records.ofApi(one.get("records"))).isEqualTo(Records.ofBatch(List.of(first)));
        assertThat(api.get("/api/period-review?kind=WEEK").status()).isEqualTo(400);
    }

    private static void configNamesStages(ApiClient api) {
        JsonNode config = api.ok("/api/config");
        assertThat(config.get("stages").get(0).get("id").asText()).isEqualTo("lead");
        assertThat(config.get("stages").get(0).get("name").asText()).isEqualTo("线索获取");
        assertThat(config.get("dimensions").get(0).asText()).isEqualTo("all");
    }

    private static void leadsEqualBatchAndAreForwardedToTheirOwner(FunnelStreamsApp a, FunnelStreamsApp b,
            ApiClient apiA, ApiClient apiB, BatchResult batch) {
        String addressA = a.http().orElseThrow().applicationServer();
        String addressB = b.http().orElseThrow().applicationServer();
        Map<String, String> expected = Records.ofBatch(batch.records().get(OutputTopic.LEAD_STATE));
        Map<String, Integer> forwarded = new HashMap<>(Map.of("A->B", 0, "B->A", 0));
        for (OutputRecord r : batch.records().get(OutputTopic.LEAD_STATE)) {
            String leadId = ((LeadStateKey) r.key()).leadId();
            KeyQueryMetadata md = a.streams().queryMetadataForKey(StoreNames.LEAD_HISTORIES, leadId,
                    new StringSerializer());
            String owner = md.activeHost().host() + ":" + md.activeHost().port();
            for (ApiClient api : List.of(apiA, apiB)) {
                ApiClient.Answer answer = api.get("/api/leads/" + URLEncoder.encode(leadId, StandardCharsets.UTF_8));
                assertThat(answer.status()).as(leadId).isEqualTo(200);
                assertThat(answer.servedBy()).as("served by the owner of " + leadId).isEqualTo(owner);
                assertThat(answer.json().get("stale").asBoolean()).isFalse();
                String key = Records.text(answer.json().get("key"));
                assertThat(expected).containsKey(key);
                assertThat(Records.text(answer.json().get("value"))).as(leadId).isEqualTo(expected.get(key));
                if (api == apiA && owner.equals(addressB)) {
                    forwarded.merge("A->B", 1, Integer::sum);
                } else if (api == apiB && owner.equals(addressA)) {
                    forwarded.merge("B->A", 1, Integer::sum);
                }
            }
        }
        assertThat(forwarded.get("A->B")).as("leads asked of A, owned and answered by B").isPositive();
        assertThat(forwarded.get("B->A")).as("leads asked of B, owned and answered by A").isPositive();
        assertThat(apiA.get("/api/leads/no-such-lead").status()).isEqualTo(404);
        assertThat(apiB.get("/api/leads/no-such-lead").status()).isEqualTo(404);
    }

    private static void metricsExposeStreamsAndDlq(ApiClient apiA, ApiClient apiB) throws java.io.IOException {
        String a = apiA.get("/metrics").body();
        String b = apiB.get("/metrics").body();
        assertThat(a).contains("kafka_stream_thread_process_total").contains("funnel_records_processed_total");
        // both store types' meters, under one set of tag keys (FunnelMetrics.STORE_TAGS); the in-memory
        // delta buffer lives in the lead tasks, which either instance may hold
        assertThat(a + b).contains("store_type=\"rocksdb\"").contains("store_type=\"in-memory\"")
                .doesNotContain("rocksdb_state_id=").doesNotContain("in_memory_state_id=");
        assertThat(b).contains("kafka_stream_thread_process_total");
        assertThat(dlq(a, "undecodable") + dlq(b, "undecodable")).isEqualTo(1.0);
        Files.writeString(Path.of("target", "metrics-sample.txt"), a); // for reading (docs, Grafana panels)
    }

    /**
     * Once the timers' catch-up gate has opened (the history is one backlog), the open STALL and
     * FOLLOW_UP_OVERDUE alerts are the batch report's at the same instant (raisedAt aside; alerts
     * whose deadline is within a minute of that instant may be on either side of it).
     * CONVERSION_DROP: the weeks the app has closed by event time, a subset of the batch's at now.
     */
    private static void openAlertsEqualTheBatchReportAtTheSameInstant(ApiClient apiA, ApiClient apiB,
            FunnelConfig funnel, List<String> accepted) {
        // every task's gate opens idleAfter after its last backlog event: poll until the alerts are all out
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(3))
                .untilAsserted(() -> openAlertsEqualBatch(apiB, funnel, accepted));
        assertThat(apiA.get("/api/alerts?type=NOPE").status()).isEqualTo(400);
    }

    private static void openAlertsEqualBatch(ApiClient apiB, FunnelConfig funnel, List<String> accepted) {
        java.time.Instant at = java.time.Instant.now();
        JsonNode answer = apiB.ok("/api/alerts");
        assertThat(answer.get("stale").asBoolean()).isFalse();
        BatchResult batch = BatchReport.run(funnel, accepted.iterator(), Optional.of(at));
        Map<String, String> expected = new TreeMap<>();
        Set<String> nearDeadline = new HashSet<>();
        Set<String> batchDrops = new HashSet<>();
        for (OutputRecord r : batch.records().get(OutputTopic.ALERTS)) {
            var alert = (dev.funnelstreams.core.alert.Alert) r.value();
            String text = Records.text(dev.funnelstreams.core.metrics.view.RecordJson.mapper().valueToTree(alert));
            if (alert.type() == dev.funnelstreams.core.alert.AlertType.CONVERSION_DROP) {
                batchDrops.add(text);
            } else {
                expected.put(alert.alertId(), text);
            }
            if (Duration.between(alert.deadline(), at).abs().compareTo(Duration.ofMinutes(1)) < 0) {
                nearDeadline.add(alert.alertId());
            }
        }
        Map<String, String> actual = new TreeMap<>();
        answer.get("records").forEach(rec -> {
            assertThat(rec.get("key").get("alertId").asText()).isEqualTo(rec.get("value").get("alertId").asText());
            assertThat(fieldNames(rec.get("value"))).containsExactly("alertId", "type", "status", "leadId", "stage",
                    "stageName", "owner", "tier", "channel", "since", "deadline", "raisedAt", "message");
            assertThat(rec.get("value").get("status").asText()).isEqualTo("RAISED");
            if (rec.get("value").get("type").asText().equals("CONVERSION_DROP")) {
                assertThat(batchDrops).contains(Records.text(rec.get("value")));
            } else {
                actual.put(rec.get("key").get("alertId").asText(), Records.text(rec.get("value")));
            }
        });
        nearDeadline.forEach(id -> {
            expected.remove(id);
            actual.remove(id);
        });
        assertThat(expected).isNotEmpty();
        assertThat(actual).isEqualTo(expected);
    }

    private static double dlq(String metrics, String reason) {
        String prefix = "funnel_dlq_rejections_total{";
        return metrics.lines().filter(l -> l.startsWith(prefix) && l.contains("reason=\"" + reason + "\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static boolean ownsLeadPartitions(FunnelStreamsApp app) {
        return app.streams().metadataForLocalThreads().stream().anyMatch(t -> !t.activeTasks().isEmpty());
    }


}
