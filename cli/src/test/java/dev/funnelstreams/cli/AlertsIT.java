package dev.funnelstreams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelstreams.avro.out.Alert;
import dev.funnelstreams.avro.out.AlertKey;
import dev.funnelstreams.avro.out.AlertStatus;
import dev.funnelstreams.avro.out.AlertType;
import dev.funnelstreams.streams.AppConfig;
import dev.funnelstreams.streams.AppConfigLoader;
import dev.funnelstreams.streams.SerdeFactory;
import dev.funnelstreams.streams.Topics;
import dev.funnelstreams.streams.runtime.EventProducer;
import dev.funnelstreams.streams.runtime.FunnelStreamsApp;
import dev.funnelstreams.streams.runtime.TopicAdmin;
import dev.funnelstreams.testkit.TestCluster;
import dev.funnelstreams.testkit.TopicContents;
import dev.funnelstreams.testkit.WithKafkaAndRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alert timers on the real in-JVM broker and Apicurio, exactly-once, with short timer settings
 * from {@code streams.alertTimers}: stays already past stallAfter raise STALL once; a restart on
 * the same state raises nothing twice (a stay that stalled while the app was down is raised after
 * it); the stay's end gives CLEARED and a tombstone; {@code funnel alerts tail --no-follow} prints
 * the open ones. Topics are prefixed: the cli ITs share one broker and the SPEC's names belong to
 * {@link StreamingCommandsIT}.
 */
@WithKafkaAndRegistry
class AlertsIT {

    static final String FUNNEL = "../examples/funnel.yaml";
    /** Nothing is backlog (the stays began 20 days ago), the gate opens 1 s after start, checks every 200 ms. */
    static final String TIMERS = "streams:\n  alertTimers: {interval: PT0.2S, maxLag: P400D, idleAfter: PT1S,"
            + " maxFires: 100}\n";
    static final Duration WAIT = Duration.ofMinutes(3);

    private TestCluster cluster;

    @TempDir
    Path tmp;

    @Test
    void raisesStallOnceAcrossARestartClearsItWhenTheStayEndsAndTailPrintsTheOpenOnes() throws Exception {
        Topics topics = Topics.prefixed("alerts-it.");
        AppConfig config = AppConfigLoader.parse(Files.readString(Path.of(FUNNEL)) + TIMERS,
                new AppConfigLoader.Overrides(cluster.bootstrapServers(), cluster.registryUrl(), "funnel-alerts-it",
                        tmp.resolve("state"), 3, (short) 1).withHttp(null, 0, null));
        assertThat(config.alertTimers().idleAfter()).isEqualTo(Duration.ofSeconds(1));
        SerdeFactory serdes = SerdeFactory.of(config.registry());
        assertThat(TopicAdmin.createMissing(config, topics)).containsExactlyInAnyOrderElementsOf(topics.all());
        Instant entered = Instant.now().minus(Duration.ofDays(20)).truncatedTo(ChronoUnit.SECONDS);
        produce(config, topics, serdes, created("L-1", entered), created("L-2", entered));

        try (FunnelStreamsApp app = FunnelStreamsApp.start(config, topics)) {
            awaitAlerts(config, serdes, topics, a -> raisedStalls(a).size() == 2);
        }
        List<Alert> first = raisedStalls(readAll(config, serdes, topics.alerts()));
        assertThat(first).extracting(Alert::getLeadId).containsExactlyInAnyOrder("L-1", "L-2");
        assertThat(first).allSatisfy(a -> {
            assertThat(a.getSince()).isEqualTo(entered);
            assertThat(a.getDeadline()).isEqualTo(entered.plus(Duration.ofDays(14)));
            assertThat(a.getStageName()).isEqualTo("线索获取");
        });
        String stallOfL2 = first.stream().filter(a -> a.getLeadId().equals("L-2")).findFirst().orElseThrow()
                .getAlertId();

        // while the app is down a third stay stalls; after the restart on the same state dir only it is raised
        produce(config, topics, serdes, created("L-3", entered));
        try (FunnelStreamsApp app = FunnelStreamsApp.start(config, topics)) {
            awaitAlerts(config, serdes, topics, a -> raisedStalls(a).size() == 3);
            produce(config, topics, serdes, "{\"eventId\":\"m-L-2\",\"type\":\"StageChanged\",\"leadId\":\"L-2\","
                    + "\"occurredAt\":\"" + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\",\"toStage\":\"discovery\"}");
            List<ConsumerRecord<AlertKey, Alert>> records = awaitAlerts(config, serdes, topics,
                    a -> !of(a, stallOfL2).isEmpty() && of(a, stallOfL2).get(of(a, stallOfL2).size() - 1).value() == null);
            List<ConsumerRecord<AlertKey, Alert>> l2 = of(records, stallOfL2);
            assertThat(l2).extracting(r -> r.value() == null ? "tombstone" : r.value().getStatus().toString())
                    .containsExactly("RAISED", "CLEARED", "tombstone");
            assertThat(raisedStalls(records)).extracting(Alert::getLeadId)
                    .as("one RAISED per stay, none again after the restart").containsExactlyInAnyOrder("L-1", "L-2", "L-3");
            // this process raised only L-3's stall
            assertThat(metrics(app)).contains("funnel_alerts_raised_total{type=\"stall\"} 1.0");
        }

        CliRun tail = CliRun.of("alerts", "tail", "--no-follow", "--config", FUNNEL, "--bootstrap-servers",
                cluster.bootstrapServers(), "--schema-registry-url", cluster.registryUrl(), "--topic", topics.alerts());
        assertThat(tail.exitCode()).as(tail.err()).isZero();
        List<String> stallLines = tail.out().lines().filter(l -> l.contains("STALL")).toList();
        assertThat(stallLines).hasSize(2);
        assertThat(stallLines).anySatisfy(l -> assertThat(l).startsWith("RAISED").contains("L-1 owner zhang.wei")
                .contains("线索获取 (lead)").contains("线索 L-1"));
        assertThat(stallLines).anySatisfy(l -> assertThat(l).contains("L-3"));
        assertThat(stallLines).noneSatisfy(l -> assertThat(l).contains("L-2"));
        assertThat(tail.out().lines().findFirst().orElseThrow()).matches("\\d+ open alerts");
    }

    static String created(String lead, Instant at) {
        return "{\"eventId\":\"c-" + lead + "\",\"type\":\"LeadCreated\",\"leadId\":\"" + lead + "\",\"occurredAt\":\""
                + at + "\",\"channel\":\"expo\",\"owner\":\"zhang.wei\",\"stage\":\"lead\",\"estimatedValue\":\"50000.00\"}";
    }

    private void produce(AppConfig config, Topics topics, SerdeFactory serdes, String... lines) throws Exception {
        Path file = Files.createTempFile(tmp, "events", ".jsonl");
        Files.write(file, List.of(lines));
        EventProducer.Summary s = new EventProducer(config, topics, serdes, Clock.systemUTC()).produce(file);
        assertThat(s.rejected()).isEmpty();
    }

    private static List<Alert> raisedStalls(List<ConsumerRecord<AlertKey, Alert>> records) {
        return records.stream().map(ConsumerRecord::value)
                .filter(v -> v != null && v.getType() == AlertType.STALL && v.getStatus() == AlertStatus.RAISED).toList();
    }

    private static List<ConsumerRecord<AlertKey, Alert>> of(List<ConsumerRecord<AlertKey, Alert>> records, String id) {
        return records.stream().filter(r -> r.key().getAlertId().equals(id)).toList();
    }

    /** Reads the alerts topic until {@code done} holds for all its committed records. */
    private static List<ConsumerRecord<AlertKey, Alert>> awaitAlerts(AppConfig config, SerdeFactory serdes,
            Topics topics, Predicate<List<ConsumerRecord<AlertKey, Alert>>> done) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<ConsumerRecord<AlertKey, Alert>> records = readAll(config, serdes, topics.alerts());
        while (!done.test(records)) {
            assertThat(System.nanoTime()).as("waited " + WAIT + " for alerts; have " + records).isLessThan(deadline);
            Thread.sleep(500);
            records = readAll(config, serdes, topics.alerts());
        }
        return records;
    }

    /** Every committed record of the topic, in partition order (one alertId lives in one partition). */
    private static List<ConsumerRecord<AlertKey, Alert>> readAll(AppConfig config, SerdeFactory serdes, String topic) {
        Deserializer<AlertKey> keys = serdes.key(AlertKey.class).deserializer();
        Deserializer<Alert> values = serdes.value(Alert.class).deserializer();
        List<ConsumerRecord<AlertKey, Alert>> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : TopicContents.committed(config.bootstrapServers(), topic)) {
            out.add(new ConsumerRecord<>(r.topic(), r.partition(), r.offset(),
                    keys.deserialize(topic, r.headers(), r.key()),
                    r.value() == null ? null : values.deserialize(topic, r.headers(), r.value())));
        }
        return out;
    }

    private static String metrics(FunnelStreamsApp app) throws Exception {
        URI uri = app.httpUri().orElseThrow().resolve("/metrics");
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

}
