package dev.funnelstreams.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.funnelstreams.avro.ChannelSpendKey;
import dev.funnelstreams.avro.LeadEvent;
import dev.funnelstreams.avroevents.AvroEvents;
import dev.funnelstreams.core.event.EventJson;
import dev.funnelstreams.core.event.ParseResult;
import dev.funnelstreams.streams.AppConfig;
import dev.funnelstreams.streams.SerdeFactory;
import dev.funnelstreams.streams.Topics;
import dev.funnelstreams.streams.runtime.ClientSettings;
import dev.funnelstreams.streams.runtime.TopicAdmin;
import dev.funnelstreams.testkit.TestCluster;
import dev.funnelstreams.testkit.WithKafkaAndRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC section 2: contact fields never leave the input topic. Every LeadCreated of a generated history carries a
 * contact (name, title, phone) with strings found nowhere else, plus a few rejected ones; the app runs in a child
 * JVM with its whole log captured (every logger at INFO, the project's at DEBUG) until it has caught up and raised
 * its alerts, then stops. No contact string may appear in any topic the app writes (output, changelog,
 * repartition, the broker's internal ones; read uncommitted: aborted writes too) except the inputs, funnel.dlq and
 * crm.rejected (SPEC 8), in any file under the app's state directory, or in its log. A control string (the owners,
 * which the app does keep) shows that each place was searched where data is.
 */
@WithKafkaAndRegistry
class PersonalDataIT {

    private static final String PREFIX = "pii-it.";
    private static final String APP_ID = "pii-it";
    /** In every contact string: a hit is a contact string (the phone numbers have their own, digits only). */
    private static final String MARK = "qz7pii";
    private static final String CONTROL = "ctl9own";
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestCluster cluster;

    @TempDir
    Path tmp;

    @Test
    void noContactStringInAnyTopicStateFileOrLogLineOfTheApp() throws Exception {
        long t0 = System.nanoTime();
        Path stateDir = tmp.resolve("state");
        AppConfig config = PipelineHarness.config(cluster, APP_ID, stateDir);
        Topics topics = PipelineHarness.prefixed(PREFIX);
        SerdeFactory serdes = SerdeFactory.of(config.registry());
        TopicAdmin.createMissing(config, topics);

        List<String> contacts = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        int n = 0;
        for (String line : FunnelTopologyDifferentialTest.generated(5, 80, 60)) {
            ObjectNode o = (ObjectNode) JSON.readTree(line);
            if (o.hasNonNull("owner")) {
                o.put("owner", CONTROL + "." + o.get("owner").asText());
            }
            if (o.get("type").asText().equals("LeadCreated")) {
                o.set("contact", contact(++n, contacts));
            }
            lines.add(o.toString());
        }
        // rejected LeadCreated with contacts: unknown stage, another lead's key, same eventId with other content
        String rejectedStage = created("L-pii-1", "p-1", "prospect", n + 1, contacts);
        String first = created("L-pii-2", "p-2", "lead", n + 2, contacts);
        String conflict = created("L-pii-2", "p-2", "discovery", n + 3, contacts);
        String mismatch = created("L-pii-3", "p-3", "lead", n + 4, contacts);

        Serializer<LeadEvent> leadValues = serdes.value(LeadEvent.class).serializer();
        Serializer<ChannelSpendKey> spendKeys = serdes.key(ChannelSpendKey.class).serializer();
        Serializer<dev.funnelstreams.avro.ChannelSpend> spendValues =
                serdes.value(dev.funnelstreams.avro.ChannelSpend.class).serializer();
        Serializer<String> strings = new StringSerializer();
        try (KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(ClientSettings.producer(config),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            List<String> all = new ArrayList<>(lines);
            all.addAll(List.of(rejectedStage, first, conflict));
            for (String line : all) {
                ParseResult parsed = EventJson.parse(line);
                if (parsed instanceof ParseResult.Lead l) {
                    raw.send(new ProducerRecord<>(topics.leadEvents(), strings.serialize(null, l.event().leadId()),
                            leadValues.serialize(topics.leadEvents(), AvroEvents.toAvro(l.event()))));
                } else {
                    var s = ((ParseResult.Spend) parsed).spend();
                    raw.send(new ProducerRecord<>(topics.channelSpend(), spendKeys.serialize(topics.channelSpend(),
                            AvroEvents.keyOf(s)), spendValues.serialize(topics.channelSpend(), AvroEvents.toAvro(s))));
                }
            }
            ParseResult.Lead m = (ParseResult.Lead) EventJson.parse(mismatch);
            raw.send(new ProducerRecord<>(topics.leadEvents(), strings.serialize(null, "L-pii-2"),
                    leadValues.serialize(topics.leadEvents(), AvroEvents.toAvro(m.event()))));
        }
        assertThat(contacts).hasSizeGreaterThan(3 * 80);
        Pattern needles = Pattern.compile(contacts.stream().map(c -> Pattern.quote(latin1(c)))
                .collect(Collectors.joining("|")) + "|" + MARK);

        Path log = tmp.resolve("app.log");
        Process child = LoggingChildApp.start(log, cluster.bootstrapServers(), cluster.registryUrl(), APP_ID,
                stateDir.toString(), PREFIX);
        long start = System.nanoTime();
        try {
            PipelineHarness.awaitCaughtUp(config, topics);
            System.out.printf("caught up in %.1f s%n", (System.nanoTime() - start) / 1e9);
            // the alert timers fire once the task has been idle for idleAfter (1 s): wait for the first alerts
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> !PipelineHarness.readAll(config, topics.alerts()).isEmpty());
            Thread.sleep(2_000);
        } finally {
            child.destroy(); // SIGTERM: the shutdown hook closes the app, which flushes its stores
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child app stopped").isTrue();
        }
        String logText = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(logText).as("the captured log is the app's").contains("REBALANCING -> RUNNING")
                .contains("rejected " + topics.leadEvents());

        // every topic this app could have written to (its prefixed topics, its internal topics, the broker's own
        // __ topics) but the inputs, the DLQ and crm.rejected; the shared test broker's other topics belong to
        // other tests' apps, which never saw these contacts (scanning them took most of this test's time)
        Set<String> allowed = Set.of(topics.leadEvents(), topics.channelSpend(), topics.dlq(), topics.rejected());
        Map<String, Long> scanned = new TreeMap<>();
        Map<String, Long> hits = new TreeMap<>();
        Map<String, Long> control = new TreeMap<>();
        List<String> names;
        try (Admin admin = Admin.create(ClientSettings.common(config))) {
            names = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get().stream().sorted().toList();
        }
        for (String topic : names) {
            boolean ours = topic.startsWith(PREFIX) || topic.startsWith(APP_ID + "-") || topic.startsWith("__");
            if (!ours || allowed.contains(topic)) {
                continue;
            }
            for (ConsumerRecord<byte[], byte[]> r : PipelineHarness.read(config, topic, "read_uncommitted")) {
                scanned.merge(topic, 1L, Long::sum);
                String text = latin1(r);
                if (needles.matcher(text).find()) {
                    hits.merge(topic, 1L, Long::sum);
                }
                if (text.contains(CONTROL)) {
                    control.merge(topic, 1L, Long::sum);
                }
            }
        }
        assertThat(scanned).as("topics scanned").containsKeys(topics.leadState(), topics.stageFlow(), topics.alerts(),
                APP_ID + "-lead-histories-changelog", APP_ID + "-cell-deltas-repartition");
        assertThat(hits).as("records with a contact string, by topic").isEmpty();
        assertThat(control).as("the owners (control) are where the app keeps them").containsKeys(topics.leadState(),
                APP_ID + "-lead-histories-changelog", APP_ID + "-cell-deltas-repartition");
        // the DLQ may hold contacts (the original bytes of rejected records): there the search finds them
        long dlqWithContacts = PipelineHarness.readAll(config, topics.dlq()).stream()
                .filter(r -> needles.matcher(latin1(r)).find()).count();
        assertThat(dlqWithContacts).as("rejected LeadCreated with contacts in the DLQ").isEqualTo(3);

        // every file under the state directory
        List<String> fileHits = new ArrayList<>();
        long bytes = 0;
        boolean controlInState = false;
        List<Path> files;
        try (Stream<Path> walk = Files.walk(stateDir)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        for (Path f : files) {
            String text = latin1(Files.readAllBytes(f));
            bytes += text.length();
            if (needles.matcher(text).find()) {
                fileHits.add(stateDir.relativize(f).toString());
            }
            controlInState |= text.contains(CONTROL);
        }
        assertThat(fileHits).as("state files with a contact string").isEmpty();
        assertThat(controlInState).as("the owners (control) are in the state files").isTrue();

        // every line the app logged
        Matcher logHit = needles.matcher(latin1(Files.readAllBytes(log)));
        assertThat(logHit.find() ? logHit.group() : null).as("a contact string in the app's log").isNull();

        System.out.printf("no contact string: %d topics (%d records), %d state files (%d bytes), %d log lines;"
                + " test took %.1f s%n", scanned.size(), scanned.values().stream().mapToLong(Long::longValue).sum(),
                files.size(), bytes, logText.lines().count(), (System.nanoTime() - t0) / 1e9);
    }

    /** A contact no other field holds: its name and title carry {@link #MARK}, its phone is unique digits. */
    private static ObjectNode contact(int n, List<String> contacts) {
        String name = "王芳" + MARK + String.format("%04d", n);
        String title = "采购经理 " + MARK + "-title-" + n;
        String phone = String.format("+86 199 7%03d %04d", n % 1000, (n * 7919) % 10000);
        contacts.addAll(List.of(name, title, phone));
        return JSON.createObjectNode().put("name", name).put("title", title).put("phone", phone);
    }

    private static String created(String leadId, String eventId, String stage, int n, List<String> contacts) {
        ObjectNode o = JSON.createObjectNode().put("eventId", eventId).put("type", "LeadCreated").put("leadId", leadId)
                .put("occurredAt", "2026-01-20T09:30:00+08:00").put("channel", "expo").put("owner", CONTROL + ".x")
                .put("stage", stage);
        o.set("contact", contact(n, contacts));
        return o.toString();
    }

    /** Key, value and headers as one string of bytes (ISO-8859-1: one char per byte, so UTF-8 needles match). */
    private static String latin1(ConsumerRecord<byte[], byte[]> r) {
        StringBuilder sb = new StringBuilder();
        if (r.key() != null) {
            sb.append(latin1(r.key())).append('\n');
        }
        if (r.value() != null) {
            sb.append(latin1(r.value())).append('\n');
        }
        for (Header h : r.headers()) {
            sb.append(h.key()).append('=').append(h.value() == null ? "" : latin1(h.value())).append('\n');
        }
        return sb.toString();
    }

    private static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static String latin1(String text) {
        return latin1(text.getBytes(StandardCharsets.UTF_8));
    }
}
