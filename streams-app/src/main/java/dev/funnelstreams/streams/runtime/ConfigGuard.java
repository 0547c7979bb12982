package dev.funnelstreams.streams.runtime;

import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.lead.StateConfig;
import dev.funnelstreams.streams.AppConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
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
 * new one, silently wrong from then on. {@link StateConfig} says which parts count.
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
     * Compares {@code config.funnel()} with the config recorded for {@code config.applicationId()}, records it
     * when there is none (or the change keeps the state), and throws {@link Changed} otherwise.
     */
    public static void check(AppConfig config, Instant now) throws Changed, InterruptedException, ExecutionException,
            TimeoutException {
        long start = System.nanoTime();
        String topic = topic(config.applicationId());
        ensureTopic(config, topic);
        FunnelConfig funnel = config.funnel();
        List<String> current = StateConfig.lines(funnel);
        Optional<String> recorded = latest(config, topic);
        if (recorded.isPresent()) {
            List<String> was = lines(recorded.get());
            if (was.equals(current)) {
                LOG.info("funnel config: as recorded in {} (checked in {} ms)", topic,
                        (System.nanoTime() - start) / 1_000_000);
                return;
            }
            refuseUnlessKept(config, topic, recorded.get(), StateConfig.breakingChanges(was, funnel, now));
            LOG.info("funnel config: targets added for periods not begun; recorded the new config in {}", topic);
        }
        String text = RECORDED + now + "\n" + String.join("\n", current) + "\n";
        write(config, topic, text);
        // Two instances starting at once with different configs: the later record wins, the other one sees it.
        Optional<String> after = latest(config, topic);
        if (after.isPresent() && !lines(after.get()).equals(current)) {
            refuseUnlessKept(config, topic, after.get(), StateConfig.breakingChanges(lines(after.get()), funnel, now));
        }
        LOG.info("funnel config: recorded in {} (in {} ms)", topic, (System.nanoTime() - start) / 1_000_000);
    }

    private static void refuseUnlessKept(AppConfig config, String topic, String recorded, List<String> changes)
            throws Changed {
        if (changes.isEmpty()) {
            return;
        }
        String when = recorded.startsWith(RECORDED) ? " on " + recorded.substring(RECORDED.length(),
                recorded.indexOf('\n')) : "";
        throw new Changed("the funnel config differs from the one application \"" + config.applicationId()
                + "\" built its state with (recorded in topic " + topic + when + "):\n  "
                + String.join("\n  ", changes) + "\n"
                + "Its stores hold numbers computed under the recorded config; going on would add numbers computed"
                + " under the new one, and the totals would be wrong. Either start with the recorded config, or"
                + " rebuild the state under the new one: a new applicationId (streams.applicationId) reprocesses the"
                + " input topics from their start, best into fresh output topics (records of cells the new config no"
                + " longer has stay in compacted topics). Changes that need no rebuild: stage display names, target"
                + " goals, alerts.conversionDrop.minPoints, alerts.grace, alerts.maxFutureSkew, and targets for periods"
                + " that have not begun (docs/semantics.md, \"Changing the funnel config\").");
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

    private static void ensureTopic(AppConfig config, String topic)
            throws InterruptedException, ExecutionException, TimeoutException {
        try (Admin admin = Admin.create(ClientSettings.common(config))) {
            if (admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic)) {
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
