package dev.funnelstreams.streams.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.funnelstreams.core.generate.FunnelGenerator;
import dev.funnelstreams.core.generate.GeneratorOptions;
import dev.funnelstreams.streams.AppConfig;
import dev.funnelstreams.streams.AppConfigLoader;
import dev.funnelstreams.streams.SerdeFactory;
import dev.funnelstreams.streams.Topics;
import dev.funnelstreams.streams.runtime.EventProducer;
import dev.funnelstreams.streams.runtime.FunnelStreamsApp;
import dev.funnelstreams.streams.runtime.TopicAdmin;
import dev.funnelstreams.streams.topology.PipelineHarness;
import dev.funnelstreams.testkit.TestCluster;
import dev.funnelstreams.testkit.WithKafkaAndRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API from the moment Kafka Streams reaches RUNNING, on the real broker and registry. When a
 * second instance joins, both instances are RUNNING for a moment between the two rounds of the
 * cooperative rebalance while the moved tasks' stores are not readable yet (about a second; before
 * {@link HandoverWait} every such request answered 503). Asked back to back from the first moment
 * of RUNNING, after a fresh start and after the second instance joins, the store-reading endpoints
 * answer 200 (404 for a lead the fresh app has not processed yet), never 503: they wait instead.
 */
@WithKafkaAndRegistry
class ApiAfterRunningIT {

    private static final String APP_ID = "funnel-api-running-it";
    /** How long to keep asking after RUNNING: the handover (about 1 s) and the wait's bound, with room. */
    private static final Duration ASKING = Duration.ofSeconds(6);

    private TestCluster cluster;

    @TempDir
    Path tmp;

    /** One answer: when it was asked (ms after RUNNING), how long it took, its status, whether every app stayed RUNNING. */
    private record Asked(String path, long atMs, long tookMs, int status, String body, boolean runningThroughout) {
    }

    @Test
    void storeReadingEndpointsWaitForStoresBeingHandedOverInsteadOfAnswering503() throws Exception {
        String yaml = Files.readString(Path.of("src/test/resources/funnel.yaml"));
        AppConfig config = AppConfigLoader.parse(yaml, new AppConfigLoader.Overrides(cluster.bootstrapServers(),
                cluster.registryUrl(), APP_ID, tmp.resolve("state"), 3, (short) 1).withHttp(null, 0, null));
        Topics topics = prefixed("api-running-it.");
        List<String> lines = new ArrayList<>();
        new FunnelGenerator(config.funnel(), new GeneratorOptions(5, 400, LocalDate.now(Clock.systemUTC()).minusDays(120),
                110)).generate(lines::add);
        Path events = tmp.resolve("events.jsonl");
        Files.write(events, lines);
        TopicAdmin.createMissing(config, topics);
        new EventProducer(config, topics, SerdeFactory.of(config.registry()), Clock.systemUTC()).produce(events);
        String leadId = lines.stream().filter(l -> l.contains("\"LeadCreated\"")).findFirst()
                .map(l -> l.replaceAll(".*\"leadId\"\\s*:\\s*\"([^\"]+)\".*", "$1")).orElseThrow();
        List<String> paths = List.of("/api/periods", "/api/alerts", "/api/leads/" + leadId, "/api/snapshot");

        List<Asked> fresh;
        List<Asked> joined;
        try (FunnelStreamsApp a = FunnelStreamsApp.start(config, topics)) {
            fresh = askFromRunning(List.of(a), paths);
            PipelineHarness.awaitCaughtUp(config, topics);
            report("fresh start", fresh);
            // a second instance joins with an empty state directory: tasks move to it and restore from their
            // changelogs, both instances rebalance; both are asked from the moment both are RUNNING again
            AppConfig second = AppConfigLoader.parse(yaml, new AppConfigLoader.Overrides(cluster.bootstrapServers(),
                    cluster.registryUrl(), APP_ID, tmp.resolve("state-b"), 3, (short) 1).withHttp(null, 0, null));
            try (FunnelStreamsApp b = FunnelStreamsApp.start(second, topics)) {
                await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(1))
                        .until(() -> a.state() != KafkaStreams.State.RUNNING);
                joined = askFromRunning(List.of(a, b), paths);
                report("second instance joined", joined);
            }
        }
        for (List<Asked> run : List.of(fresh, joined)) {
            assertThat(run).isNotEmpty();
            assertThat(run.get(0).atMs()).as("first request within 50 ms of RUNNING").isLessThan(50);
            // a lead the fresh app has not processed yet is a 404; everything else is a 200, also while the
            // cooperative rebalance's second round moves the tasks (no 503 at all, not only while RUNNING)
            assertThat(run).as("every request from the moment of RUNNING answers 200 (or 404 for a lead not there yet)")
                    .allSatisfy(a -> assertThat(a.status()).as(a.toString())
                            .isIn(a.path().startsWith("/api/leads/") ? List.of(200, 404) : List.of(200)));
        }
    }

    /**
     * Waits until every app is RUNNING (checking every millisecond), then asks {@code paths} in turn,
     * back to back, of each app in turn, for {@link #ASKING}; each answer notes whether every app
     * stayed RUNNING from before the request until after its answer (printed, for the record).
     */
    private static List<Asked> askFromRunning(List<FunnelStreamsApp> apps, List<String> paths) {
        List<ApiClient> apis = apps.stream().map(app -> new ApiClient(app.httpUri().orElseThrow(), null)).toList();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(1)).until(() -> allRunning(apps));
        long running = System.nanoTime();
        List<Asked> asked = new ArrayList<>();
        for (int i = 0; System.nanoTime() - running < ASKING.toNanos(); i++) {
            String path = paths.get(i % paths.size());
            ApiClient api = apis.get((i / paths.size()) % apis.size());
            boolean before = allRunning(apps);
            long at = System.nanoTime();
            ApiClient.Answer a = api.get(path);
            long done = System.nanoTime();
            boolean after = allRunning(apps);
            asked.add(new Asked(path, (at - running) / 1_000_000, (done - at) / 1_000_000, a.status(),
                    a.status() == 200 ? "" : a.body(), before && after));
        }
        return asked;
    }

    private static boolean allRunning(List<FunnelStreamsApp> apps) {
        return apps.stream().allMatch(app -> app.state() == KafkaStreams.State.RUNNING);
    }

    /** Prints what the run saw: the requests that waited (or failed) and the longest wait, for the report. */
    private static void report(String run, List<Asked> asked) {
        long waited = asked.stream().filter(a -> a.tookMs() >= HandoverWait.INTERVAL.toMillis()).count();
        long longest = asked.stream().mapToLong(Asked::tookMs).max().orElse(0);
        System.out.printf("%s: %d requests in %d ms after RUNNING, %d took >= %d ms (longest %d ms); first %s%n",
                run, asked.size(), ASKING.toMillis(), waited, HandoverWait.INTERVAL.toMillis(), longest, asked.get(0));
        System.out.println(asked.stream().filter(a -> a.status() != 200 || a.tookMs() >= HandoverWait.INTERVAL.toMillis())
                .map(a -> "  " + a).collect(Collectors.joining("\n")));
    }

    private static Topics prefixed(String p) {
        Topics d = Topics.defaults();
        return new Topics(p + d.leadEvents(), p + d.channelSpend(), p + d.stageFlow(), p + d.conversions(),
                p + d.lossReasons(), p + d.channelCosts(), p + d.stageSnapshot(), p + d.targetProgress(),
                p + d.weeklyReview(), p + d.leadState(), p + d.alerts(), p + d.dlq());
    }
}
