package dev.funnelstreams.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.funnelstreams.avro.LeadEvent;
import dev.funnelstreams.avroevents.AvroEvents;
import dev.funnelstreams.core.event.EventJson;
import dev.funnelstreams.core.event.ParseResult;
import dev.funnelstreams.core.report.BatchReport;
import dev.funnelstreams.core.report.BatchResult;
import dev.funnelstreams.registry.WireFormat;
import dev.funnelstreams.streams.AppConfig;
import dev.funnelstreams.streams.SerdeFactory;
import dev.funnelstreams.streams.Topics;
import dev.funnelstreams.streams.http.ApiClient;
import dev.funnelstreams.streams.runtime.ClientSettings;
import dev.funnelstreams.streams.runtime.EventProducer;
import dev.funnelstreams.streams.runtime.FunnelStreamsApp;
import dev.funnelstreams.streams.runtime.TopicAdmin;
import dev.funnelstreams.testkit.TcpProxy;
import dev.funnelstreams.testkit.TestCluster;
import dev.funnelstreams.testkit.WithKafkaAndRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schema registry unreachable for 30 s while the app runs (exactly-once), then back. The app
 * reaches the registry through a {@link TcpProxy}; {@code pause()} refuses every connection (a
 * restarted Apicurio would lose its in-memory schemas, so the registry itself keeps running). The
 * outage meets a real registry call: just before it, an evolved LeadEvent writer schema (one extra
 * optional field, BACKWARD compatible) is registered, and during it lead events written with that
 * schema's id are produced (raw bytes: the producer needs no registry call), so the app's
 * deserializer misses its cache (the app has caught up with the first part and written every output
 * before, so no output serializer's first lookup meets the outage first; waitingFor names the id). The stream threads must wait ({@code waitingFor()} and
 * {@code /health/ready}'s {@code waitingFor} name the outage, {@code waitingFor()} all along; the
 * app never fails, nothing goes to the DLQ), then carry on by itself once
 * the registry answers: the outputs equal the batch report, the DLQ is empty, alerts as
 * {@link AlertChecks} says.
 *
 * <p>Measured: the app stops waiting at its next probe (backoff 1, 2, 4, 8, 16 s: about 5 s after
 * the registry is back), but a replacing stream thread commits its first records only about 50 s
 * after that: Kafka Streams 4.4 shuts the dead thread down remaining in the group
 * ({@code GroupMembershipOperation.DEFAULT} in {@code KafkaStreams.replaceStreamThread}), so its
 * tasks move to the new thread once the dead member's session ends ({@code session.timeout.ms},
 * Kafka's default 45 s, which this test keeps). Most of the test's time is that wait and the outage.
 */
@WithKafkaAndRegistry
class RegistryOutageIT {

    private static final String PREFIX = "registry-outage-it.";
    private static final Duration OUTAGE = Duration.ofSeconds(30);

    private TestCluster cluster;

    @TempDir
    Path tmp;

    @Test
    void appWaitsOutARegistryOutageWithoutDeadLetteringAndLosesOrDoublesNothing() throws Exception {
        long began = System.nanoTime();
        List<String> lines = FunnelTopologyDifferentialTest.generated(31, 300, 120);
        BatchResult batch = BatchReport.run(FunnelTopologyDifferentialTest.CONFIG, lines.iterator(), Optional.empty());
        int first = lines.size() * 2 / 5;
        int second = lines.size() * 3 / 5;
        List<String> during = new ArrayList<>();
        List<String> after = new ArrayList<>(lines.subList(second, lines.size()));
        for (String line : lines.subList(first, second)) {
            (EventJson.parse(line) instanceof ParseResult.Lead ? during : after).add(line);
        }

        URI registry = URI.create(cluster.registryUrl());
        Topics topics = PipelineHarness.prefixed(PREFIX);
        // the test's own clients talk to the registry directly; only the app goes through the proxy
        AppConfig direct = PipelineHarness.config(cluster.bootstrapServers(), registry.toString(), "funnel-registry-outage-it",
                tmp.resolve("state"), AlertChecks.TIMERS);
        SerdeFactory serdes = SerdeFactory.of(direct.registry());
        Clock clock = Clock.fixed(batch.asOf().plus(Duration.ofDays(1)), ZoneOffset.UTC);
        TopicAdmin.createMissing(direct, topics);
        EventProducer producer = new EventProducer(direct, topics, serdes, clock);

        try (TcpProxy proxy = TcpProxy.start(registry.getHost(), registry.getPort())) {
            String proxied = "http://127.0.0.1:" + proxy.port() + registry.getPath();
            AppConfig config = PipelineHarness.config(cluster.bootstrapServers(), proxied, direct.applicationId(),
                    direct.stateDir(), AlertChecks.TIMERS);
            try (FunnelStreamsApp app = FunnelStreamsApp.start(config, topics)) {
                assertThat(producer.produce(PipelineHarness.write(tmp, "first.jsonl", lines.subList(0, first)))
                        .rejected()).isEmpty();
                // Every output serializer has its schema id before the outage (the alerts' too: the gate opens 1 s
                // after the catch-up), so the registry call the outage meets is the deserializer's, for the new
                // writer schema. Meeting an output serializer's first lookup instead also happened (runs 2 and 3).
                PipelineHarness.awaitCaughtUp(config, topics);
                await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
                        .until(() -> !PipelineHarness.readAll(config, topics.alerts()).isEmpty());

                Schema evolved = evolvedLeadEvent();
                int evolvedId = serdes.client().register(topics.leadEvents() + "-value", evolved);
                proxy.pause();
                long pausedAt = System.nanoTime();
                produceWithWriterSchema(direct, topics, during, evolved, evolvedId);
                await().atMost(OUTAGE).pollInterval(Duration.ofMillis(100)).until(() -> app.waitingFor().isPresent());
                System.out.printf("waiting %.1f s after the pause: %s%n", (System.nanoTime() - pausedAt) / 1e9,
                        app.waitingFor().orElseThrow());
                assertThat(app.waitingFor().orElseThrow()).contains("schema registry unavailable")
                        .contains("schema id " + evolvedId + ":");
                ApiClient.Answer ready = new ApiClient(app.httpUri().orElseThrow(), null).get("/health/ready");
                System.out.printf("/health/ready in the outage: %d %s%n", ready.status(), ready.body());
                assertThat(ready.json().path("waitingFor").asText()).contains("schema registry unavailable");
                // the outage lasts its 30 s; all along the app waits (never fails, never stops waiting)
                Duration rest = OUTAGE.minusNanos(System.nanoTime() - pausedAt);
                await().during(rest).atMost(rest.plusSeconds(5)).pollInterval(Duration.ofMillis(200))
                        .until(() -> app.waitingFor().isPresent() && app.state() != KafkaStreams.State.ERROR
                                && app.state() != KafkaStreams.State.PENDING_ERROR);
                assertThat(PipelineHarness.readAll(config, topics.dlq())).as("DLQ during the outage").isEmpty();
                long committedInOutage = PipelineHarness.committedInputs(config, topics);
                proxy.resume();
                long resumedAt = System.nanoTime();

                await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100))
                        .until(() -> app.waitingFor().isEmpty());
                System.out.printf("stopped waiting %.1f s after the registry came back%n",
                        (System.nanoTime() - resumedAt) / 1e9);
                // A replacing thread (the next thread number: another group.instance.id) gets the tasks once the
                // failed thread's static member is out of the group. Kafka Streams 4.4 shuts that thread down
                // remaining in the group, which took session.timeout.ms (45 s); the app removes the member as soon as
                // the thread has ended (ReplacedThreadMembership): within 20 s here, far below the 45 s. So the group
                // is the live threads' members, no failed one, and at least one thread was replaced.
                int threads = PipelineHarness.streamThreads(config);
                try (Admin admin = Admin.create(ClientSettings.common(config))) {
                    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                        Set<Integer> live = PipelineHarness.threadNumbers(app.streams());
                        assertThat(live).as("live stream threads").hasSize(threads);
                        assertThat(Collections.max(live)).as("a replaced thread's number").isGreaterThan(threads);
                        assertThat(admin.describeConsumerGroups(List.of(config.applicationId())).all().get()
                                .get(config.applicationId()).members())
                                .extracting(m -> PipelineHarness.trailingNumber(
                                        m.groupInstanceId().orElse("dynamic")))
                                .as("the group's members").containsExactlyInAnyOrderElementsOf(live);
                    });
                }
                System.out.printf("the failed thread's member left the group %.1f s after the registry came back%n",
                        (System.nanoTime() - resumedAt) / 1e9);
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                        .until(() -> PipelineHarness.committedInputs(config, topics) > committedInOutage);
                System.out.printf("first commit after the outage %.1f s after the registry came back%n",
                        (System.nanoTime() - resumedAt) / 1e9);
                assertThat(producer.produce(PipelineHarness.write(tmp, "after.jsonl", after)).rejected()).isEmpty();
                PipelineHarness.awaitCaughtUp(config, topics);
                assertThat(app.state()).isEqualTo(KafkaStreams.State.RUNNING);
                assertThat(app.streams().metadataForLocalThreads()).as("stream threads").hasSize(threads);

                PipelineHarness.assertOutputsEqualBatch(config, serdes, PREFIX, batch);
                assertThat(PipelineHarness.readAll(config, topics.dlq())).as("DLQ").isEmpty();
                AlertChecks.assertOpenAlertsEqualBatchAndEachRaisedOnce(config, serdes, topics, lines,
                        cluster::cleanedBelow);
            }
        }
        System.out.printf("RegistryOutageIT: %d events, %.1f s%n", lines.size(), (System.nanoTime() - began) / 1e9);
    }

    /** LeadEvent with one more optional field: BACKWARD compatible, unknown to the app's reader. */
    private static Schema evolvedLeadEvent() throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode schema = (ObjectNode) json.readTree(LeadEvent.getClassSchema().toString());
        ObjectNode field = ((ArrayNode) schema.get("fields")).addObject();
        field.put("name", "sourceSystem");
        field.putArray("type").add("null").add("string");
        field.putNull("default");
        return new Schema.Parser().parse(json.writeValueAsString(schema));
    }

    /** Lead events in the Confluent wire format with {@code writerId}, written by a producer that never asks the registry. */
    private static void produceWithWriterSchema(AppConfig config, Topics topics, List<String> lines, Schema writer,
            int writerId) throws Exception {
        SpecificDatumWriter<LeadEvent> specific = new SpecificDatumWriter<>(LeadEvent.getClassSchema());
        GenericDatumReader<GenericRecord> toEvolved = new GenericDatumReader<>(LeadEvent.getClassSchema(), writer);
        GenericDatumWriter<GenericRecord> evolved = new GenericDatumWriter<>(writer);
        try (KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(ClientSettings.producer(config),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (String line : lines) {
                LeadEvent event = AvroEvents.toAvro(((ParseResult.Lead) EventJson.parse(line)).event());
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                BinaryEncoder enc = EncoderFactory.get().binaryEncoder(bytes, null);
                specific.write(event, enc);
                enc.flush();
                GenericRecord record = toEvolved.read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));
                record.put("sourceSystem", "crm-7");
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.write(new byte[WireFormat.HEADER_LENGTH]);
                BinaryEncoder enc2 = EncoderFactory.get().binaryEncoder(out, null);
                evolved.write(record, enc2);
                enc2.flush();
                byte[] value = out.toByteArray();
                WireFormat.writeHeader(value, 0, writerId);
                raw.send(new ProducerRecord<>(topics.leadEvents(), String.valueOf(event.getLeadId())
                        .getBytes(StandardCharsets.UTF_8), value));
            }
            raw.flush();
        }
    }
}
