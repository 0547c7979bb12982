package dev.funnelstreams.alertsink;

import dev.funnelstreams.alertsink.delivery.InMemorySentLog;
import dev.funnelstreams.avro.out.Alert;
import dev.funnelstreams.registry.InMemorySchemaRegistryClient;
import dev.funnelstreams.registry.KafkaAvroDeserializer;
import dev.funnelstreams.registry.KafkaAvroSerializer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.sink.SinkRecord;

/** A task wired as the worker would, but with an in-memory registry and sent log and recorded sleeps. */
final class TaskFixture {

    static final String TOPIC = "funnel.alerts";

    final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    final KafkaAvroSerializer<Alert> serializer = new KafkaAvroSerializer<>(registry);
    final InMemorySentLog sent = new InMemorySentLog();
    final MutableClock clock = new MutableClock(Instant.parse("2026-03-09T09:00:00Z"));
    final List<Long> sleptMs = new ArrayList<>();
    final Map<String, String> props = new HashMap<>();
    private long offset;

    TaskFixture(Path dir, String routesYaml) throws Exception {
        Path routes = dir.resolve("routes.yaml");
        Files.writeString(routes, routesYaml);
        props.put("routes.file", routes.toString());
        props.put("dashboard.base.url", "https://funnel.example.com");
        props.put("sent.log.bootstrap.servers", "unused:9092");
        props.put("schema.registry.url", "http://registry.invalid:8081");
    }

    AlertSinkTask start(FakeSinkContext context) {
        return start(context, new KafkaAvroDeserializer<>(registry, Alert.class));
    }

    AlertSinkTask start(FakeSinkContext context, Deserializer<Alert> decoder) {
        AlertSinkTask t = new AlertSinkTask(c -> sent, c -> decoder, clock, d -> sleptMs.add(d.toMillis()));
        t.initialize(context);
        t.start(props);
        return t;
    }

    SinkRecord record(Alert a) {
        return raw(a == null ? null : serializer.serialize(TOPIC, a));
    }

    SinkRecord raw(byte[] value) {
        return new SinkRecord(TOPIC, 0, Schema.OPTIONAL_BYTES_SCHEMA, null, Schema.OPTIONAL_BYTES_SCHEMA, value, offset++);
    }
}
