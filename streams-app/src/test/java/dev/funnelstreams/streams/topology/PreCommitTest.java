package dev.funnelstreams.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
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
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * The commit hook on the Kafka Streams internals it uses (see {@link PreCommit}): a processor that only
 * forwards from the hook is heard at every commit, as itself, and nowhere else. The test driver commits
 * after every input record. A Kafka upgrade that moves the internals
 * fails here first.
 */
class PreCommitTest {

    static final String STORE = "hook";

    /** Holds values in memory and forwards them joined, only from the commit hook. */
    static final class Joiner implements Processor<String, String, String, String> {
        private final List<String> held = new ArrayList<>();
        private ProcessorContext<String, String> context;
        int flushes;

        @Override
        public void init(ProcessorContext<String, String> context) {
            this.context = context;
            PreCommit.register(context, STORE, this::flush);
        }

        @Override
        public void process(Record<String, String> record) {
            held.add(record.value());
        }

        private void flush() {
            flushes++;
            if (!held.isEmpty()) {
                context.forward(new Record<>("joined", String.join("+", held), 42L));
                held.clear();
            }
        }
    }

    static Topology topology(boolean wrapped, List<Joiner> made) {
        Topology t = new Topology();
        t.addSource("in", new StringDeserializer(), new StringDeserializer(), "in");
        t.addProcessor("join", () -> {
            Joiner j = new Joiner();
            made.add(j);
            return j;
        }, "in");
        var store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(STORE), Serdes.Bytes(), Serdes.ByteArray())
                .withLoggingDisabled();
        t.addStateStore(wrapped ? PreCommit.around(store) : store, "join");
        t.addSink("out", "out", new StringSerializer(), new StringSerializer(), "join");
        return t;
    }

    static Properties props() {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "pre-commit-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:0");
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        return p;
    }

    @Test
    void whatTheProcessorHoldsIsForwardedAtEachCommitAsThatProcessor() {
        List<Joiner> made = new ArrayList<>();
        try (TopologyTestDriver driver = new TopologyTestDriver(topology(true, made), props())) {
            TestInputTopic<String, String> in = driver.createInputTopic("in", new StringSerializer(),
                    new StringSerializer());
            TestOutputTopic<String, String> out = driver.createOutputTopic("out", new StringDeserializer(),
                    new StringDeserializer());
            driver.advanceWallClockTime(Duration.ofSeconds(1));   // a commit before any record: nothing, no error
            assertThat(out.isEmpty()).isTrue();

            in.pipeInput("k", "a");
            assertThat(out.readKeyValuesToList()).extracting(kv -> kv.value).containsExactly("a");
            in.pipeInput("k", "b");
            in.pipeInput("k", "c");
            assertThat(out.readRecordsToList()).extracting(r -> r.value() + "@" + r.timestamp())
                    .containsExactly("b@42", "c@42");
            // the supplier is also called when the topology is checked: one instance runs
            Joiner running = made.stream().filter(j -> j.flushes > 0).reduce((a, b) -> {
                throw new AssertionError("two processors ran");
            }).orElseThrow();
            assertThat(running.flushes).as("a commit per record; the clock advance had nothing to commit").isEqualTo(3);
            assertThat(running.held).isEmpty();
        }
    }

    @Test
    void aStoreNotBuiltAroundTheHookIsRefusedByName() {
        assertThatThrownBy(() -> new TopologyTestDriver(topology(false, new ArrayList<>()), props()).close())
                .hasStackTraceContaining("store hook is not built with PreCommit.around");
    }
}
