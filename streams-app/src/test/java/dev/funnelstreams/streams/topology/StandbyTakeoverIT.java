package dev.funnelstreams.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.funnelstreams.core.metrics.view.LeadStateKey;
import dev.funnelstreams.core.metrics.view.OutputTopic;
import dev.funnelstreams.core.report.BatchReport;
import dev.funnelstreams.core.report.BatchResult;
import dev.funnelstreams.streams.AppConfig;
import dev.funnelstreams.streams.SerdeFactory;
import dev.funnelstreams.streams.Topics;
import dev.funnelstreams.streams.http.ApiClient;
import dev.funnelstreams.streams.runtime.EventProducer;
import dev.funnelstreams.streams.runtime.FunnelStreamsApp;
import dev.funnelstreams.streams.runtime.TopicAdmin;
import dev.funnelstreams.testkit.TestCluster;
import dev.funnelstreams.testkit.WithKafkaAndRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.ThreadMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances with {@code num.standby.replicas: 1}; instance A runs in a child JVM and is killed
 * (SIGKILL) mid-run, instance B (in this JVM) takes over its partitions. B's HTTP API is asked back
 * to back, from before the kill until after the takeover, for a metric query (a scan of every
 * partition) and for leads (some owned by A): every answer is 200, or the documented 503 "try
 * again" (docs/api.md) for at most {@link #MAX_503} in a row; answers read from a standby say
 * {@code "stale": true} (some must, between the kill and the takeover), and once B owns every
 * partition the answers are current again. Then the outputs equal the batch report, the DLQ is
 * empty, alerts as {@link AlertChecks} says. A's session timeout is the broker's minimum, 6 s (ChildJvmApp), so the group
 * notices the kill after 6 s.
 *
 * <p>Without the standby fallback of metric scans ({@code StoreScan}), {@code /api/funnel} answered
 * 503 "instance ... did not answer (ConnectException); try again" from the kill until A's session
 * ended (5.5 s here; 45 s with Kafka's default session), while lead lookups already fell back to
 * the standby: this test failed on that, and passes with the fallback (no 503 at all).
 */
@WithKafkaAndRegistry
class StandbyTakeoverIT {

    private static final String PREFIX = "standby-it.";
    private static final String STANDBY = "num.standby.replicas: 1";
    private static final Duration MAX_503 = Duration.ofMillis(2500);

    private TestCluster cluster;

    @TempDir
    Path tmp;

    /** One answer of the survivor's API. */
    private record Asked(long atNanos, String path, int status, Boolean stale, String body) {
    }

    @Test
    void survivorTakesOverAndItsApiKeepsAnsweringWhenTheOtherInstanceIsKilled() throws Exception {
        long began = System.nanoTime();
        List<String> lines = FunnelTopologyDifferentialTest.generated(43, 600, 120);
        int first = lines.size() / 3;
        BatchResult batch = BatchReport.run(FunnelTopologyDifferentialTest.CONFIG, lines.iterator(), Optional.empty());
        Topics topics = PipelineHarness.prefixed(PREFIX);
        String appId = "funnel-standby-it";
        AppConfig config = PipelineHarness.config(cluster.bootstrapServers(), cluster.registryUrl(), appId,
                tmp.resolve("state-b"), "  kafka: {" + STANDBY + "}\n" + AlertChecks.TIMERS);
        SerdeFactory serdes = SerdeFactory.of(config.registry());
        Clock clock = Clock.fixed(batch.asOf().plus(Duration.ofDays(1)), ZoneOffset.UTC);
        TopicAdmin.createMissing(config, topics);
        EventProducer producer = new EventProducer(config, topics, serdes, clock);
        assertThat(producer.produce(PipelineHarness.write(tmp, "first.jsonl", lines.subList(0, first))).rejected())
                .isEmpty();
        List<String> paths = new ArrayList<>(List.of("/api/funnel?period=2026-03"));
        // leads that have entered the funnel with the first part (the others answer 404, rightly)
        BatchReport.run(FunnelTopologyDifferentialTest.CONFIG, lines.subList(0, first).iterator(), Optional.empty())
                .records().get(OutputTopic.LEAD_STATE).stream().limit(8)
                .forEach(r -> paths.add("/api/leads/" + ((LeadStateKey) r.key()).leadId()));

        Path log = tmp.resolve("child-a.log");
        Process a = ChildJvmApp.start(log, config.bootstrapServers(), config.schemaRegistryUrl(), appId,
                tmp.resolve("state-a").toString(), PREFIX, STANDBY, AlertChecks.TIMERS);
        List<Asked> answers = new CopyOnWriteArrayList<>();
        AtomicBoolean asking = new AtomicBoolean(true);
        try (FunnelStreamsApp b = FunnelStreamsApp.start(config, topics)) {
            // both instances active, B with standbys (of A's tasks), the first part processed
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                    .failFast("child JVM A died", () -> !a.isAlive())
                    .until(() -> b.state() == KafkaStreams.State.RUNNING && b.streams().metadataForAllStreamsClients()
                            .size() == 2 && owns(b, ThreadMetadata::activeTasks) && owns(b, ThreadMetadata::standbyTasks));
            PipelineHarness.awaitCaughtUp(config, topics);
            ApiClient api = new ApiClient(b.httpUri().orElseThrow(), null);
            Thread asker = new Thread(() -> {
                for (int i = 0; asking.get(); i++) {
                    String path = paths.get(i % paths.size());
                    ApiClient.Answer r = api.get(path);
                    JsonNode stale = r.json() == null ? null : r.json().get("stale");
                    answers.add(new Asked(System.nanoTime(), path, r.status(), stale == null ? null : stale.asBoolean(),
                            r.status() == 200 ? "" : r.body()));
                }
            }, "api-asker");
            asker.start();
            try {
                assertThat(producer.produce(PipelineHarness.write(tmp, "second.jsonl",
                        lines.subList(first, lines.size()))).rejected()).isEmpty();
                long target = first + (lines.size() - first) / 4;
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
                        .failFast("child JVM A died", () -> !a.isAlive())
                        .until(() -> PipelineHarness.committedInputs(config, topics) >= target);
                assertThat(a.isAlive()).as("A running; its log:%n%s", Files.readString(log)).isTrue();
                a.destroyForcibly();
                a.waitFor();
                long killedAt = System.nanoTime();
                long committed = PipelineHarness.committedInputs(config, topics);
                System.out.printf("killed A with %d of %d input records committed%n", committed, lines.size());
                assertThat(committed).isLessThan(lines.size());

                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                        .until(() -> b.streams().metadataForAllStreamsClients().size() == 1
                                && b.state() == KafkaStreams.State.RUNNING);
                long takenOverAt = System.nanoTime();
                System.out.printf("B took over %.1f s after the kill%n", (takenOverAt - killedAt) / 1e9);
                PipelineHarness.awaitCaughtUp(config, topics);
                // the first answers after the takeover may still come from a restoring copy: ask until current
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
                    List<Asked> recent = answers.subList(Math.max(0, answers.size() - paths.size()), answers.size());
                    return recent.size() == paths.size() && recent.stream().allMatch(x -> x.status() == 200
                            && Boolean.FALSE.equals(x.stale()));
                });
                asking.set(false);
                asker.join();

                report(answers, killedAt, takenOverAt);
                assertThat(answers).as("answers other than 200 and 503")
                        .filteredOn(x -> x.status() != 200 && x.status() != 503).isEmpty();
                assertThat(answers).as("503 without 'try again'")
                        .filteredOn(x -> x.status() == 503 && !x.body().contains("try again")).isEmpty();
                for (String path : paths) {
                    assertThat(longest503(answers, path)).as("longest run of 503 for " + path)
                            .isLessThanOrEqualTo(MAX_503);
                }
                assertThat(answers).as("stale answers after the kill").anyMatch(x -> x.atNanos() > killedAt
                        && Boolean.TRUE.equals(x.stale()));
                PipelineHarness.assertNoThreadReplaced(b.streams(), config);
            } finally {
                asking.set(false);
                asker.join();
            }

            PipelineHarness.assertOutputsEqualBatch(config, serdes, PREFIX, batch);
            assertThat(PipelineHarness.readAll(config, topics.dlq())).as("DLQ").isEmpty();
            AlertChecks.assertOpenAlertsEqualBatchAndEachRaisedOnce(config, serdes, topics, lines,
                    cluster::cleanedBelow);
        } finally {
            a.destroyForcibly();
        }
        System.out.printf("StandbyTakeoverIT: %d events, %.1f s%n", lines.size(), (System.nanoTime() - began) / 1e9);
    }

    private static boolean owns(FunnelStreamsApp app, java.util.function.Function<ThreadMetadata, Set<?>> tasks) {
        return app.streams().metadataForLocalThreads().stream().anyMatch(t -> !tasks.apply(t).isEmpty());
    }

    /** The longest time {@code path} answered 503 in a row (from the first 503 to the next 200). */
    private static Duration longest503(List<Asked> answers, String path) {
        long longest = 0;
        Long since = null;
        for (Asked x : answers) {
            if (!x.path().equals(path)) {
                continue;
            }
            if (x.status() == 503) {
                since = since == null ? x.atNanos() : since;
            } else if (since != null) {
                longest = Math.max(longest, x.atNanos() - since);
                since = null;
            }
        }
        return Duration.ofNanos(longest);
    }

    private static void report(List<Asked> answers, long killedAt, long takenOverAt) {
        long stale = answers.stream().filter(x -> Boolean.TRUE.equals(x.stale())).count();
        long unavailable = answers.stream().filter(x -> x.status() == 503).count();
        System.out.printf("API answers: %d (%d stale, %d 503); between kill and takeover: %d%n", answers.size(), stale,
                unavailable, answers.stream().filter(x -> x.atNanos() > killedAt && x.atNanos() < takenOverAt).count());
        answers.stream().filter(x -> x.status() != 200).limit(20).forEach(x -> System.out.printf(
                "  %+.1f s after the kill %s -> %d %s%n", (x.atNanos() - killedAt) / 1e9, x.path(), x.status(), x.body()));
    }
}
