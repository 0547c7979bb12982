package dev.funnelstreams.streams.topology;

import com.fasterxml.jackson.databind.JsonNode;
import dev.funnelstreams.avro.ChannelSpendKey;
import dev.funnelstreams.avro.LeadEvent;
import dev.funnelstreams.avroevents.AvroEvents;
import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.event.EventJson;
import dev.funnelstreams.core.event.ParseResult;
import dev.funnelstreams.registry.InMemorySchemaRegistryClient;
import dev.funnelstreams.streams.SerdeFactory;
import dev.funnelstreams.streams.Topics;
import dev.funnelstreams.streams.runtime.ClientSettings;
import dev.funnelstreams.streams.runtime.AvroJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/** The topology in a TopologyTestDriver with an in-memory registry, fed canonical JSON lines. */
final class TopologyFixture implements AutoCloseable {

    final FunnelConfig config;
    final Topics topics = Topics.defaults();
    final SerdeFactory serdes = new SerdeFactory(new InMemorySchemaRegistryClient(), Map.of());
    final Topology topology;
    final TopologyTestDriver driver;
    private final Path stateDir;
    private final TestInputTopic<byte[], byte[]> leadEvents;
    private final TestInputTopic<byte[], byte[]> spend;
    private final Serializer<LeadEvent> leadSer = serdes.value(LeadEvent.class).serializer();
    private final Serializer<ChannelSpendKey> spendKeySer = serdes.key(ChannelSpendKey.class).serializer();
    private final Serializer<dev.funnelstreams.avro.ChannelSpend> spendSer =
            serdes.value(dev.funnelstreams.avro.ChannelSpend.class).serializer();
    private final Map<String, TestOutputTopic<byte[], byte[]>> outputs = new LinkedHashMap<>();
    private final Map<String, Map<JsonNode, JsonNode>> latest = new LinkedHashMap<>();

    TopologyFixture(FunnelConfig config, Instant wallClock) {
        this.config = config;
        this.topology = FunnelTopology.build(config, topics, serdes, Duration.ofMillis(100));
        try {
            stateDir = Files.createTempDirectory("funnel-ttd");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "funnel-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:0");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        props.putAll(ClientSettings.errorHandling(topics));
        driver = new TopologyTestDriver(topology, props, wallClock);
        leadEvents = driver.createInputTopic(topics.leadEvents(), new ByteArraySerializer(), new ByteArraySerializer());
        spend = driver.createInputTopic(topics.channelSpend(), new ByteArraySerializer(), new ByteArraySerializer());
        List<String> names = new ArrayList<>(topics.upsertOutputs());
        names.remove(topics.alerts());
        names.add(topics.dlq());
        for (String t : names) {
            outputs.put(t, driver.createOutputTopic(t, new ByteArrayDeserializer(), new ByteArrayDeserializer()));
            latest.put(t, new LinkedHashMap<>());
        }
    }

    /** Pipes one canonical JSON line (lead event or spend), Avro-encoded as a producer would. */
    void pipe(String line) {
        ParseResult parsed = EventJson.parse(line);
        if (parsed instanceof ParseResult.Lead l) {
            LeadEvent avro = AvroEvents.toAvro(l.event());
            pipeLead(l.event().leadId(), leadSer.serialize(topics.leadEvents(), avro));
        } else if (parsed instanceof ParseResult.Spend s) {
            spend.pipeInput(spendKeySer.serialize(topics.channelSpend(), AvroEvents.keyOf(s.spend())),
                    spendSer.serialize(topics.channelSpend(), AvroEvents.toAvro(s.spend())));
        } else {
            throw new IllegalArgumentException(((ParseResult.Rejected) parsed).reason() + ": " + line);
        }
    }

    void pipeLead(String key, byte[] value) {
        leadEvents.pipeInput(new TestRecord<>(key == null ? null : key.getBytes(StandardCharsets.UTF_8), value,
                new RecordHeaders(), Instant.EPOCH));
    }

    /** The Avro key bytes a producer would send for a spend line. */
    byte[] spendKey(String line) {
        ParseResult.Spend s = (ParseResult.Spend) EventJson.parse(line);
        return spendKeySer.serialize(topics.channelSpend(), AvroEvents.keyOf(s.spend()));
    }

    /** The Avro value bytes a producer would send for a spend line. */
    byte[] spendValue(String line) {
        ParseResult.Spend s = (ParseResult.Spend) EventJson.parse(line);
        return spendSer.serialize(topics.channelSpend(), AvroEvents.toAvro(s.spend()));
    }

    /** Pipes raw spend bytes (key and value as given, null or empty included). */
    void pipeSpend(byte[] key, byte[] value) {
        spend.pipeInput(new TestRecord<>(key, value, new RecordHeaders(), Instant.EPOCH));
    }

    /** The records that arrived on an output topic since the last read, as they are (timestamps included). */
    List<TestRecord<byte[], byte[]>> raw(String topic) {
        return outputs.get(topic).readRecordsToList();
    }

    /** The Avro bytes of a record built by hand (one the JSON form cannot express). */
    byte[] encode(LeadEvent avro) {
        return leadSer.serialize(topics.leadEvents(), avro);
    }

    /** The Avro bytes a producer would send for a lead event line. */
    byte[] encodeLine(String line) {
        ParseResult.Lead l = (ParseResult.Lead) EventJson.parse(line);
        return leadSer.serialize(topics.leadEvents(), AvroEvents.toAvro(l.event()));
    }

    /** How many records arrived on {@code topic} since the last read (and reads them). */
    int newRecords(String topic) {
        int n = (int) outputs.get(topic).getQueueSize();
        read(topic);
        return n;
    }

    /** Lets the wall clock pass so the delta buffer flushes and the target refresh runs. */
    void flush() {
        driver.advanceWallClockTime(Duration.ofSeconds(61));
    }

    /** The latest value per key of an output topic (tombstones remove the key), as batch-file JSON. */
    Map<JsonNode, JsonNode> read(String topic) {
        Map<JsonNode, JsonNode> map = latest.get(topic);
        Deserializer<SpecificRecord> de = anyAvro();
        for (TestRecord<byte[], byte[]> r : outputs.get(topic).readRecordsToList()) {
            JsonNode key = AvroJson.of(de.deserialize(topic, r.key()));
            if (r.value() == null) {
                map.remove(key);
            } else {
                map.put(key, AvroJson.of(de.deserialize(topic, r.value())));
            }
        }
        return map;
    }

    List<TestRecord<byte[], byte[]>> dlq() {
        return outputs.get(topics.dlq()).readRecordsToList();
    }

    @SuppressWarnings("unchecked")
    private Deserializer<SpecificRecord> anyAvro() {
        return new dev.funnelstreams.registry.KafkaAvroDeserializer<>(serdes.client());
    }

    @Override
    public void close() {
        driver.close();
    }
}
