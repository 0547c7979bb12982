package dev.funnelstreams.registry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnelstreams.avro.ActivityLogged;
import dev.funnelstreams.avro.Contact;
import dev.funnelstreams.avro.Customer;
import dev.funnelstreams.avro.LeadCreated;
import dev.funnelstreams.avro.LeadEvent;
import dev.funnelstreams.avro.LeadLost;
import dev.funnelstreams.avro.LeadUpdated;
import dev.funnelstreams.avro.OwnerChanged;
import dev.funnelstreams.avro.StageChanged;
import dev.funnelstreams.registry.HttpSchemaRegistryClient;
import dev.funnelstreams.registry.IncompatibleSchemaException;
import dev.funnelstreams.registry.KafkaAvroDeserializer;
import dev.funnelstreams.registry.KafkaAvroSerializer;
import dev.funnelstreams.registry.testdata.TestEvent;
import dev.funnelstreams.registry.testdata.TestEventV2;
import dev.funnelstreams.testkit.TestCluster;
import dev.funnelstreams.testkit.WithKafkaAndRegistry;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The project's serde against a real broker and a real registry (Apicurio's Confluent-compatible API). */
@WithKafkaAndRegistry
class RegistrySerdeIT {

    private static final Instant T0 = Instant.parse("2026-03-02T01:30:00Z");

    private TestCluster cluster;

    @Test
    void roundTripsALeadEventOfEveryUnionBranchAndRegistersTheValueSubject() {
        String topic = "crm.lead-events";
        cluster.createTopic(topic, 1);
        List<LeadEvent> sent = everyBranch();

        produce(topic, sent);
        List<LeadEvent> received = consume(topic, LeadEvent.class, sent.size());

        assertThat(received).containsExactlyElementsOf(sent);
        HttpSchemaRegistryClient client = HttpSchemaRegistryClient.fromConfigs(registryConfig());
        assertThat(client.getLatest("crm.lead-events-value").schema()).isEqualTo(LeadEvent.getClassSchema());
    }

    @Test
    void surfacesTheRegistrys409AsAClearIncompatibleSchemaError() {
        HttpSchemaRegistryClient client = HttpSchemaRegistryClient.fromConfigs(registryConfig());
        String subject = "compat-check-value";
        client.register(subject, TestEvent.getClassSchema());
        Schema withRequiredField = new Schema.Parser().parse(TestEvent.getClassSchema().toString()
                .replace("\"fields\":[", "\"fields\":[{\"name\":\"region\",\"type\":\"string\"},"));

        assertThatThrownBy(() -> client.register(subject, withRequiredField))
                .isInstanceOf(IncompatibleSchemaException.class)
                .hasMessageContaining(subject)
                .satisfies(e -> assertThat(((IncompatibleSchemaException) e).status()).isEqualTo(409));
    }

    @Test
    void readerWhoseSchemaAddsADefaultedFieldReadsDataWrittenWithTheOldSchema() {
        String topic = "evolution-check";
        cluster.createTopic(topic, 1);
        TestEvent old = TestEvent.newBuilder()
                .setLeadId("L-7").setOccurredAt(T0.toEpochMilli()).setStage("lead").setAmountCents(1200)
                .setSource("expo").build();

        produce(topic, List.of(old));
        TestEventV2 read = consume(topic, TestEventV2.class, 1).get(0);

        assertThat(read.getLeadId()).isEqualTo("L-7");
        assertThat(read.getSource()).isEqualTo("expo");
        assertThat(read.getCurrency()).isEqualTo("EUR");
    }

    private static List<LeadEvent> everyBranch() {
        Object[] payloads = {
            LeadCreated.newBuilder().setChannel("expo").setCampaign("expo-sh-2026").setOwner("zhang.wei")
                    .setStage("lead").setCustomer(new Customer("华东精密", "manufacturing", "200-500"))
                    .setContact(new Contact("王芳", "采购经理", "+86 138 0000 0000"))
                    .setEstimatedValue(new BigDecimal("200000.00")).setTier(null).build(),
            StageChanged.newBuilder().setToStage("discovery").setFromStage("lead").setNote("3 demos")
                    .setAmount(null).build(),
            ActivityLogged.newBuilder().setActivity("call").setNote("follow-up").build(),
            OwnerChanged.newBuilder().setOwner("li.na").build(),
            LeadUpdated.newBuilder().setEstimatedValue(new BigDecimal("650000.00")).setTier("A")
                    .setIndustry("electronics").build(),
            LeadLost.newBuilder().setReason("price").setDetail("10% over budget").build()
        };
        List<LeadEvent> events = new ArrayList<>();
        for (int i = 0; i < payloads.length; i++) {
            events.add(LeadEvent.newBuilder().setEventId("e-" + (i + 1)).setLeadId("L-1")
                    .setOccurredAt(T0.plusSeconds(3600L * i)).setPayload(payloads[i]).build());
        }
        return events;
    }

    private Map<String, Object> registryConfig() {
        return Map.of("schema.registry.url", cluster.registryUrl());
    }

    private <T extends org.apache.avro.specific.SpecificRecord> void produce(String topic, List<T> records) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        KafkaAvroSerializer<T> serializer = new KafkaAvroSerializer<>();
        serializer.configure(registryConfig(), false);
        try (KafkaProducer<String, T> producer = new KafkaProducer<>(props, new StringSerializer(), serializer)) {
            for (T record : records) {
                producer.send(new ProducerRecord<>(topic, "k", record));
            }
            producer.flush();
        }
    }

    private <T extends org.apache.avro.specific.SpecificRecord> List<T> consume(String topic, Class<T> type, int count) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "serde-it-" + topic);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        KafkaAvroDeserializer<T> deserializer = new KafkaAvroDeserializer<>(type);
        deserializer.configure(registryConfig(), false);
        List<T> out = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        try (KafkaConsumer<String, T> consumer = new KafkaConsumer<>(props, new StringDeserializer(), deserializer)) {
            consumer.subscribe(List.of(topic));
            while (out.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, T> record : consumer.poll(Duration.ofMillis(500))) {
                    out.add(record.value());
                }
            }
        }
        assertThat(out).as("records read back from %s", topic).hasSize(count);
        return out;
    }
}
