package dev.funnelstreams.streams.runtime;

import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.lead.StateConfig;
import dev.funnelstreams.streams.AppConfig;
import dev.funnelstreams.streams.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses to start an application on state built under another funnel: the stores hold numbers
 * computed under the config they were built with (a lead's tier, stage positions, the periods of a
 * time zone, which targets count), and a changed config would add to them numbers computed under the
 * new one, silently wrong from then on. {@link StateConfig} says which parts count. The partition
 * counts of the input topics count too: they decide which task holds a lead's state.
 *
 * <p>The config the state is built under is kept in a compacted topic of the application,
 * {@code <applicationId>-funnel-config} (one partition, one key, the lines as text, readable with any
 * console consumer). The first start writes it; later starts compare. A change that keeps the state
 * (a target added for a period that has not begun) is written as the new record; any other change
 * stops the start with the lines that differ and what to do.
 */
public final class ConfigGuard {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigGuard.class);
    private static final String KEY = "funnel";
    private static final String RECORDED = "# recorded ";
    private static final String INPUT = "input ";
    private static final String PARTITIONS = " partitions ";
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    /** The config differs from the one the application's state was built under. */
    public static final class Changed extends Exception {
        private static final long serialVersionUID = 1L;

        Changed(String message) {
            super(message);
        }
    }

    private ConfigGuard() {
    }

    /** The topic that keeps the config an application's state is built under. */
    public static String topic(String applicationId) {
        return applicationId + "-funnel-config";
    }

    /**
     * Compares {@code config.funnel()} and the partitions of the input topics with those recorded for
     * {@code config.applicationId()}, records them when there are none (or the change keeps the state), and throws
     * {@link Changed} otherwise.
     */
    public static void check(AppConfig config, Topics topics, Instant now) throws Changed, InterruptedException,
            ExecutionException, TimeoutException {
        long start = System.nanoTime();
        String topic = topic(config.applicationId());
        FunnelConfig funnel = config.funnel();
        List<String> current = new ArrayList<>(StateConfig.lines(funnel));
        try (Admin admin = Admin.create(ClientSettings.common(config))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            ensureTopic(admin, existing, config, topic);
            current.addAll(partitionLines(admin, existing, topics));
        }
        Optional<String> recorded = latest(config, topic);
        if (recorded.isPresent()) {
            List<String> was = lines(recorded.get());
            if (was.equals(current)) {
                LOG.info("funnel config: as recorded in {} (checked in {} ms)", topic,
                        (System.nanoTime() - start) / 1_000_000);
                return;
            }
            refuseUnlessKept(config, topic, recorded.get(), breakingChanges(was, current, funnel, now));
            LOG.info("funnel config: a change that keeps the state (a target for a period not begun, an input topic"
                    + " recorded for the first time); recorded in {}", topic);
        }
        String text = RECORDED + now + "\n" + String.join("\n", current) + "\n";
        write(config, topic, text);
        // Two instances starting at once with different configs: the later record wins, the other one sees it.
        Optional<String> after = latest(config, topic);
        if (after.isPresent() && !lines(after.get()).equals(current)) {
            refuseUnlessKept(config, topic, after.get(), breakingChanges(lines(after.get()), current, funnel, now));
        }
        LOG.info("funnel config: recorded in {} (in {} ms)", topic, (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * One line per existing input topic with its partition count. A lead's events go to the partition of its leadId
     * (a spend's to its key's): with another count, a lead's next event lands in a task that holds no state for
     * it and counts as a new lead, so the count is part of the state's layout. A topic not there yet has no line.
     */
    private static List<String> partitionLines(Admin admin, Set<String> existing, Topics topics)
            throws InterruptedException, ExecutionException, TimeoutException {
        List<String> inputs = topics.inputs().stream().filter(existing::contains).sorted().toList();
        List<String> out = new ArrayList<>();
        Map<String, TopicDescription> described = inputs.isEmpty() ? Map.of()
                : admin.describeTopics(inputs).allTopicNames().get(30, TimeUnit.SECONDS);
        for (String input : inputs) {
            out.add(INPUT + input + PARTITIONS + described.get(input).partitions().size());
        }
        return out;
    }

    /**
     * The config's breaking changes ({@link StateConfig#breakingChanges}) and the input topics whose partition count
     * changed; an input recorded for the first time (created after the first start, or state recorded before inputs
     * were) is not a change.
     */
    static List<String> breakingChanges(List<String> recorded, List<String> current, FunnelConfig funnel,
            Instant now) {
        List<String> out = new ArrayList<>(StateConfig.breakingChanges(
                recorded.stream().filter(l -> !l.startsWith(INPUT)).toList(), funnel, now));
        for (String was : recorded) {
            if (!was.startsWith(INPUT)) {
                continue;
            }
            String name = was.substring(0, was.indexOf(PARTITIONS));
            current.stream().filter(l -> l.startsWith(name + PARTITIONS) && !l.equals(was)).findFirst()
                    .ifPresent(is -> {
                        out.add("- " + was);
                        out.add("+ " + is);
                    });
        }
        return out;
    }

    private static void refuseUnlessKept(AppConfig config, String topic, String recorded, List<String> changes)
            throws Changed {
        if (changes.isEmpty()) {
            return;
        }
        String when = recorded.startsWith(RECORDED) ? " on " + recorded.substring(RECORDED.length(),
                recorded.indexOf('\n')) : "";
        boolean partitions = changes.stream().anyMatch(l -> l.startsWith("- " + INPUT));
        throw new Changed((partitions ? "the funnel config or the input topics' partitions differ from those"
                : "the funnel config differs from the one") + " application \"" + config.applicationId()
                + "\" built its state with (recorded in topic " + topic + when + "):\n  "
                + String.join("\n  ", changes) + "\n"
                + "Its stores hold numbers computed under the recorded ones; going on would add numbers computed"
                + " under the new ones, and the totals would be wrong" + (partitions ? " (a lead whose events move to"
                + " another partition would count as a new lead there)" : "") + ". Either start with the recorded"
                + " config and partitions, or rebuild the state: a new applicationId (streams.applicationId)"
                + " reprocesses the input topics from their start; delete the output topics first (records of cells"
                + " the new config no longer has would stay in the compacted topics). Changes that need no rebuild:"
                + " stage display names, target goals, alerts.conversionDrop.minPoints, alerts.grace,"
                + " alerts.maxFutureSkew, and targets for periods that have not begun (docs/semantics.md, \"Changing"
                + " the funnel config\").");
    }

    /** The config's lines, without comments. */
    private static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                out.add(line);
            }
        }
        return out;
    }

    private static void ensureTopic(Admin admin, Set<String> existing, AppConfig config, String topic)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (existing.contains(topic)) {
            return;
        }
        try {
            admin.createTopics(List.of(new NewTopic(topic, 1, config.replicationFactor()).configs(Map.of(
                    TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                    TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG,
                    String.valueOf(Math.max(1, config.replicationFactor() - 1))))))
                    .all().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        TopicAdmin.awaitWritable(admin, List.of(topic));
    }

    /** The last value of the topic's one partition, read to its end. */
    private static Optional<String> latest(AppConfig config, String topic) throws TimeoutException {
        Map<String, Object> props = ClientSettings.common(config);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // the first fetch of a new consumer came back empty after fetch.max.wait.ms (500 ms): the check took 540 ms,
        // with 10 ms it takes 40-65 ms (ConfigGuardIT's broker)
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
        TopicPartition partition = new TopicPartition(topic, 0);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition), READ_TIMEOUT).get(partition);
            String last = null;
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (consumer.position(partition, READ_TIMEOUT) < end) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("reading " + topic + " to offset " + end + " took over " + READ_TIMEOUT);
                }
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (KEY.equals(r.key())) {
                        last = r.value();
                    }
                }
            }
            return Optional.ofNullable(last);
        }
    }

    private static void write(AppConfig config, String topic, String text)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<String, Object> props = ClientSettings.common(config);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, 0, KEY, text)).get(60, TimeUnit.SECONDS);
        }
    }
}
