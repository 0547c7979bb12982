package dev.funnelstreams.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnelstreams.registry.RegistryUnavailableException;
import dev.funnelstreams.registry.SchemaRegistryException;
import dev.funnelstreams.streams.Topics;
import dev.funnelstreams.streams.runtime.ClientSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/** The app's processing exception handler, run by Kafka Streams itself on a processor that throws. */
class ProcessingErrorsTest {

    /** Forwards its input, but throws on "boom" (a bug) and on "registry" (an outage). */
    static final class Fragile implements Processor<String, String, String, String> {
        private ProcessorContext<String, String> context;

        @Override
        public void init(ProcessorContext<String, String> context) {
            this.context = context;
        }

        @Override
        public void process(Record<String, String> record) {
            if (record.value().equals("boom")) {
                throw new IllegalStateException("unexpected state for " + record.key());
            }
            if (record.value().equals("registry")) {
                throw new RegistryUnavailableException("schema registry http://127.0.0.1:1 unreachable",
                        SchemaRegistryException.NO_STATUS, SchemaRegistryException.NO_STATUS, "http://127.0.0.1:1", null);
            }
            context.forward(record);
        }
    }

    private final java.util.concurrent.atomic.AtomicLong counted = new java.util.concurrent.atomic.AtomicLong();

    private TopologyTestDriver driver() throws Exception {
        Topology t = new Topology();
        t.addSource("in", "in");
        t.addProcessor("fragile", Fragile::new, "in");
        t.addSink("out", "out", "fragile");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "processing-errors-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:0");
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("pe").toString());
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, org.apache.kafka.common.serialization.Serdes.StringSerde.class);
        props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, org.apache.kafka.common.serialization.Serdes.StringSerde.class);
        props.putAll(ClientSettings.errorHandling(Topics.defaults(), counted));
        return new TopologyTestDriver(t, props);
    }

    @Test
    void anUnexpectedExceptionSendsTheRecordToTheDlqAndProcessingGoesOn() throws Exception {
        try (TopologyTestDriver driver = driver()) {
            TestInputTopic<String, String> in = driver.createInputTopic("in", new StringSerializer(), new StringSerializer());
            TestOutputTopic<String, String> out = driver.createOutputTopic("out", new StringDeserializer(),
                    new StringDeserializer());
            TestOutputTopic<String, String> dlq = driver.createOutputTopic(Topics.DLQ, new StringDeserializer(),
                    new StringDeserializer());

            in.pipeInput("L-1", "a");
            in.pipeInput("L-2", "boom");
            in.pipeInput("L-3", "b");

            assertThat(out.readValuesToList()).containsExactly("a", "b");
            List<TestRecord<String, String>> dead = dlq.readRecordsToList();
            assertThat(dead).hasSize(1);
            TestRecord<String, String> r = dead.get(0);
            assertThat(r.key()).isEqualTo("L-2");
            assertThat(r.value()).isEqualTo("boom");
            assertThat(header(r, DeadLetter.REASON_CODE)).isEqualTo("processing-error");
            assertThat(header(r, DeadLetter.ERROR_CLASS)).isEqualTo(IllegalStateException.class.getName());
            assertThat(header(r, DeadLetter.REASON)).isEqualTo(
                    "processing error in fragile: IllegalStateException: unexpected state for L-2");
            assertThat(header(r, DeadLetter.SOURCE_TOPIC)).isEqualTo("in");
            assertThat(header(r, DeadLetter.SOURCE_OFFSET)).isEqualTo("1");
            assertThat(counted.get()).isEqualTo(1);
        }
    }

    @Test
    void aRegistryOutageIsNotTheRecordsFaultAndFailsTheThreadInsteadOfDroppingIt() throws Exception {
        try (TopologyTestDriver driver = driver()) {
            TestInputTopic<String, String> in = driver.createInputTopic("in", new StringSerializer(), new StringSerializer());
            TestOutputTopic<String, String> dlq = driver.createOutputTopic(Topics.DLQ, new StringDeserializer(),
                    new StringDeserializer());

            assertThatThrownBy(() -> in.pipeInput("L-1", "registry"))
                    .satisfies(e -> assertThat(ProcessingErrors.isRegistryOutage(e)).isTrue());
            assertThat(dlq.isEmpty()).isTrue();
        }
    }

    private static String header(TestRecord<String, String> r, String name) {
        return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
