package dev.funnelstreams.streams.alert;

import dev.funnelstreams.avro.LeadEvent;
import dev.funnelstreams.avro.out.Alert;
import dev.funnelstreams.avro.out.AlertKey;
import dev.funnelstreams.avro.out.AlertStatus;
import dev.funnelstreams.avro.out.StageSnapshotKey;
import dev.funnelstreams.avro.out.StageSnapshotValue;
import dev.funnelstreams.avro.out.WeeklyReviewKey;
import dev.funnelstreams.avro.out.WeeklyReviewValue;
import dev.funnelstreams.avroevents.AvroEvents;
import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.event.EventJson;
import dev.funnelstreams.core.event.ParseResult;
import dev.funnelstreams.registry.InMemorySchemaRegistryClient;
import dev.funnelstreams.streams.SerdeFactory;
import dev.funnelstreams.streams.Topics;
import dev.funnelstreams.streams.topology.FunnelTopology;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/** The topology in a TopologyTestDriver, fed canonical JSON lines, reading funnel.alerts as a consumer would. */
final class AlertFixture implements AutoCloseable {

    final FunnelConfig config;
    final Topics topics = Topics.defaults();
    final SerdeFactory serdes = new SerdeFactory(new InMemorySchemaRegistryClient(), Map.of());
    final TopologyTestDriver driver;
    private final Path stateDir;
    private final TestInputTopic<String, byte[]> leadEvents;
    private final Serializer<LeadEvent> leadSer = serdes.value(LeadEvent.class).serializer();
    private final TestOutputTopic<AlertKey, Alert> alerts;
    private final TestOutputTopic<StageSnapshotKey, StageSnapshotValue> snapshot;
    private final TestOutputTopic<WeeklyReviewKey, WeeklyReviewValue> reviews;
    /** Every record of funnel.alerts in order (value null: a tombstone). */
    final List<TestRecord<AlertKey, Alert>> history = new ArrayList<>();
    private final Map<String, Alert> latest = new LinkedHashMap<>();
    private final Map<String, StageSnapshotValue> snapshots = new LinkedHashMap<>();
    private final Map<String, WeeklyReviewValue> weeks = new LinkedHashMap<>();

    AlertFixture(FunnelConfig config, Instant wallClock) {
        this.config = config;
        try {
            stateDir = Files.createTempDirectory("funnel-alerts-ttd");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "funnel-alerts-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:0");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(FunnelTopology.build(config, topics, serdes, Duration.ofMillis(100),
                TimerSettings.DEFAULTS), props, wallClock);
        leadEvents = driver.createInputTopic(topics.leadEvents(), new StringSerializer(), new ByteArraySerializer());
        alerts = driver.createOutputTopic(topics.alerts(), deserializer(AlertKey.class, true),
                deserializer(Alert.class, false));
        snapshot = driver.createOutputTopic(topics.stageSnapshot(), deserializer(StageSnapshotKey.class, true),
                deserializer(StageSnapshotValue.class, false));
        reviews = driver.createOutputTopic(topics.weeklyReview(), deserializer(WeeklyReviewKey.class, true),
                deserializer(WeeklyReviewValue.class, false));
    }

    private <T extends org.apache.avro.specific.SpecificRecord> Deserializer<T> deserializer(Class<T> type,
            boolean key) {
        return key ? serdes.key(type).deserializer() : serdes.value(type).deserializer();
    }

    /** Pipes canonical JSON lead events, Avro-encoded as a producer would (record time: the wall clock). */
    void pipe(String... lines) {
        for (String line : lines) {
            ParseResult.Lead l = (ParseResult.Lead) EventJson.parse(line);
            leadEvents.pipeInput(new TestRecord<>(l.event().leadId(),
                    leadSer.serialize(topics.leadEvents(), AvroEvents.toAvro(l.event()))));
        }
    }

    void advance(Duration d) {
        driver.advanceWallClockTime(d);
    }

    /** Latest value per alertId (tombstones remove it): what a compacted funnel.alerts shows. */
    Map<String, Alert> latest() {
        for (TestRecord<AlertKey, Alert> r : alerts.readRecordsToList()) {
            history.add(r);
            if (r.value() == null) {
                latest.remove(r.key().getAlertId());
            } else {
                latest.put(r.key().getAlertId(), r.value());
            }
        }
        return latest;
    }

    /** The open alerts: latest status RAISED. */
    List<Alert> open() {
        return latest().values().stream().filter(a -> a.getStatus() == AlertStatus.RAISED).toList();
    }

    /** Every alert record emitted so far, in order (tombstones left out). */
    List<Alert> emitted() {
        latest();
        return history.stream().map(TestRecord::value).filter(v -> v != null).toList();
    }

    StageSnapshotValue snapshot(String dimension, String value, String stage) {
        for (TestRecord<StageSnapshotKey, StageSnapshotValue> r : snapshot.readRecordsToList()) {
            String k = r.key().getDimension() + "/" + r.key().getDimensionValue() + "/" + r.key().getStage();
            if (r.value() == null) {
                snapshots.remove(k);
            } else {
                snapshots.put(k, r.value());
            }
        }
        return snapshots.get(dimension + "/" + value + "/" + stage);
    }

    WeeklyReviewValue review(String week) {
        for (TestRecord<WeeklyReviewKey, WeeklyReviewValue> r : reviews.readRecordsToList()) {
            if (r.value() == null) {
                weeks.remove(r.key().getWeek());
            } else {
                weeks.put(r.key().getWeek(), r.value());
            }
        }
        return weeks.get(week);
    }

    @Override
    public void close() {
        driver.close();
    }
}
