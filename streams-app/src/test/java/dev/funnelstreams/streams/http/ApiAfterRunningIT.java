package dev.funnelstreams.streams.http;

import static org.assertj.core.api.Assertions.assertThat;

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
 * The API while Kafka Streams hands stores over, on the real broker and registry. When a second
 * instance joins, the moved tasks' stores are not readable for about a second, during the
 * cooperative rebalance and after both instances are RUNNING again (before {@link HandoverWait}
 * such requests answered 503 "not readable"). Asked back to back from the start, after a fresh
 * start and while a second instance joins: no answer is that 503, and from the moment every app is
 * RUNNING every store-reading endpoint answers 200 (404 for a lead the fresh app has not processed
 * yet). Before RUNNING, a partition with no instance yet may still answer 503 (not waited for).
 */
@WithKafkaAndRegistry
class ApiAfterRunningIT {

    private static final String APP_ID = "funnel-api-running-it";
    /** How long to keep asking after RUNNING: the handover (about 1 s) and the wait's bound, with room. */
    private static final Duration ASKING = Duration.ofSeconds(6);

    private TestCluster cluster;

    @TempDir
    Path tmp;

    /**
     * One answer: when it was asked (ms after the asking began), how long it took, its status and body
     * (not kept for a 200), whether every app had been RUNNING by then, and stayed RUNNING until the answer.
     */
    private record Asked(String path, long atMs, long tookMs, int status, String body, boolean afterRunning,
            boolean runningThroughout) {
    }

    @Test
    void storeReadingEndpointsWaitForStoresBeingHandedOverInsteadOfAnswering503() throws Exception {
        String yaml = Files.readString(Path.of("src/test/resources/funnel.yaml"));
        AppConfig config = AppConfigLoader.parse(yaml, new AppConfigLoader.Overrides(cluster.bootstrapServers(),
                cluster.registryUrl(), APP_ID, tmp.resolve("state"), 3, (short) 1).withHttp(null, 0, null));
        Topics topics = Topics.prefixed("api-running-it.");
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
            fresh = ask(List.of(a), paths);
            report("fresh start", fresh);
            PipelineHarness.awaitCaughtUp(config, topics);
            // a second instance joins with an empty state directory: tasks move to it and restore from their
            // changelogs, in the two rounds of a cooperative rebalance; both instances are asked throughout
            AppConfig second = AppConfigLoader.parse(yaml, new AppConfigLoader.Overrides(cluster.bootstrapServers(),
                    cluster.registryUrl(), APP_ID, tmp.resolve("state-b"), 3, (short) 1).withHttp(null, 0, null));
            try (FunnelStreamsApp b = FunnelStreamsApp.start(second, topics)) {
                joined = ask(List.of(a, b), paths);
                report("second instance joined", joined);
            }
        }
        for (List<Asked> run : List.of(fresh, joined)) {
            // before RUNNING a partition may have no instance yet (a 503 the API does not wait for), but a store
            // being handed over is waited for in REBALANCING too
            assertThat(run).as("no 503 for a store being handed over, from the start")
                    .noneSatisfy(a -> assertThat(a.body()).contains("not readable"));
            // from the moment every app is RUNNING: a 200 (a 404 for a lead the fresh app has not processed yet)
            List<Asked> running = run.stream().filter(Asked::afterRunning).toList();
            assertThat(running).isNotEmpty();
            assertThat(running.get(running.size() - 1).atMs() - running.get(0).atMs())
                    .isGreaterThan(ASKING.toMillis() - 2 * HandoverWait.BOUND.toMillis());
            assertThat(running).as("every request from the moment of RUNNING answers 200 (or 404 for a lead not there yet)")
                    .allSatisfy(a -> assertThat(a.status()).as(a.toString())
                            .isIn(a.path().startsWith("/api/leads/") ? List.of(200, 404) : List.of(200)));
        }
    }

    /**
     * Asks {@code paths} in turn, of each app in turn, back to back, from now until {@link #ASKING}
     * after the first moment every app is RUNNING; each answer notes whether that moment had come when
     * it was asked, and whether every app stayed RUNNING from before the request until its answer.
     */
    private static List<Asked> ask(List<FunnelStreamsApp> apps, List<String> paths) {
        List<ApiClient> apis = apps.stream().map(app -> new ApiClient(app.httpUri().orElseThrow(), null)).toList();
        long start = System.nanoTime();
        long running = -1;
        List<Asked> asked = new ArrayList<>();
        for (int i = 0; running < 0 || System.nanoTime() - running < ASKING.toNanos(); i++) {
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("every app RUNNING").isLessThan(Duration.ofMinutes(3));
            String path = paths.get(i % paths.size());
            ApiClient api = apis.get((i / paths.size()) % apis.size());
            boolean before = allRunning(apps);
            long at = System.nanoTime();
            if (before && running < 0) {
                running = at;
            }
            ApiClient.Answer a = api.get(path);
            long done = System.nanoTime();
            boolean after = allRunning(apps);
            asked.add(new Asked(path, (at - start) / 1_000_000, (done - at) / 1_000_000, a.status(),
                    a.status() == 200 ? "" : a.body(), running >= 0, before && after));
        }
        return asked;
    }

    private static boolean allRunning(List<FunnelStreamsApp> apps) {
        return apps.stream().allMatch(app -> app.state() == KafkaStreams.State.RUNNING);
    }

    /** Prints what the run saw: the requests that waited or did not answer 200, for the record. */
    private static void report(String run, List<Asked> asked) {
        long waited = asked.stream().filter(a -> a.tookMs() >= HandoverWait.INTERVAL.toMillis()).count();
        long longest = asked.stream().mapToLong(Asked::tookMs).max().orElse(0);
        System.out.printf("%s: %d requests (%d before every app was RUNNING), %d took >= %d ms (longest %d ms)%n",
                run, asked.size(), asked.stream().filter(a -> !a.afterRunning()).count(), waited,
                HandoverWait.INTERVAL.toMillis(), longest);
        System.out.println(asked.stream().filter(a -> a.status() != 200 || a.tookMs() >= HandoverWait.INTERVAL.toMillis())
                .map(a -> "  " + a).collect(Collectors.joining("\n")));
    }

}
