package dev.funnelstreams.alertsink;

import dev.funnelstreams.alertsink.channel.Channels;
import dev.funnelstreams.alertsink.delivery.Deferred;
import dev.funnelstreams.alertsink.delivery.Dispatcher;
import dev.funnelstreams.alertsink.delivery.KafkaSentLog;
import dev.funnelstreams.alertsink.delivery.SentLog;
import dev.funnelstreams.alertsink.delivery.Sleeper;
import dev.funnelstreams.alertsink.message.AlertNotices;
import dev.funnelstreams.alertsink.message.DashboardLinks;
import dev.funnelstreams.alertsink.message.DigestNotices;
import dev.funnelstreams.alertsink.route.RoutesFile;
import dev.funnelstreams.alertsink.route.RoutesParser;
import dev.funnelstreams.avro.out.Alert;
import dev.funnelstreams.registry.KafkaAvroDeserializer;
import dev.funnelstreams.registry.RegistryUnavailableException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads alert records (the worker's ByteArrayConverter hands over the Confluent-wire-format bytes,
 * decoded here with registry-serde) and passes each to the {@link Dispatcher}. Tombstones are
 * skipped; undecodable records and permanent refusals go to the dead letter queue with the reason;
 * a destination that stays down makes put() throw RetriableException.
 */
public class AlertSinkTask extends SinkTask {

    private static final Logger LOG = LoggerFactory.getLogger(AlertSinkTask.class);

    private final Function<AlertSinkConfig, SentLog> sentLogs;
    private final Function<AlertSinkConfig, Deserializer<Alert>> decoders;
    private final Clock clock;
    private final Sleeper sleeper;
    private SentLog sent;
    private Deserializer<Alert> decoder;
    private Dispatcher dispatcher;

    public AlertSinkTask() {
        this(c -> new KafkaSentLog(c.getString(AlertSinkConfig.SENT_TOPIC), c.sentLogClient(),
                        c.getInt(AlertSinkConfig.SENT_RF)),
                c -> {
                    KafkaAvroDeserializer<Alert> d = new KafkaAvroDeserializer<>(Alert.class);
                    d.configure(c.registry(), false);
                    return d;
                }, Clock.systemUTC(), Sleeper.REAL);
    }

    /** For tests: an in-memory sent log, an in-memory registry, a fake clock and sleeper. */
    AlertSinkTask(Function<AlertSinkConfig, SentLog> sentLogs, Function<AlertSinkConfig, Deserializer<Alert>> decoders,
                  Clock clock, Sleeper sleeper) {
        this.sentLogs = sentLogs;
        this.decoders = decoders;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    @Override
    public String version() {
        return Version.VALUE;
    }

    @Override
    public void start(Map<String, String> props) {
        AlertSinkConfig c = new AlertSinkConfig(props);
        RoutesFile routes = new RoutesFile(Path.of(c.getString(AlertSinkConfig.ROUTES_FILE)),
                new RoutesParser(c.secrets()), c.getLong(AlertSinkConfig.ROUTES_CHECK_MS), clock);
        DashboardLinks links = new DashboardLinks(c.getString(AlertSinkConfig.DASHBOARD_URL));
        decoder = decoders.apply(c);
        sent = sentLogs.apply(c);
        dispatcher = new Dispatcher(routes::current,
                new Channels(Duration.ofMillis(c.getInt(AlertSinkConfig.HTTP_TIMEOUT_MS)), clock), sent,
                new AlertNotices(links, c.getString(AlertSinkConfig.LANGUAGE)), new DigestNotices(links),
                c.retryPolicy(), sleeper, c.getInt(AlertSinkConfig.RATE_PER_MINUTE), clock);
    }

    @Override
    public void open(Collection<TopicPartition> partitions) {
        // after a rebalance another task may have delivered alerts of these partitions
        sent.catchUp();
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        for (SinkRecord r : records) {
            String where = r.topic() + "-" + r.kafkaPartition() + "@" + r.kafkaOffset();
            if (r.value() == null) {
                LOG.debug("{}: tombstone, skipped", where);
                continue;
            }
            if (!(r.value() instanceof byte[] bytes)) {
                throw new ConnectException(where + ": value is " + r.value().getClass().getSimpleName()
                        + "; set value.converter=org.apache.kafka.connect.converters.ByteArrayConverter");
            }
            Alert alert;
            try {
                alert = decoder.deserialize(r.topic(), bytes);
            } catch (SerializationException e) {
                report(r, "not a decodable Alert record: " + e.getMessage());
                continue;
            } catch (RegistryUnavailableException e) {
                throw new RetriableException(where + ": schema registry unavailable: " + e.getMessage(), e);
            }
            try {
                for (String reason : dispatcher.deliver(alert, where)) {
                    report(r, reason);
                }
            } catch (Deferred e) {
                context.timeout(Math.max(1_000, e.waitBeforeRetry().toMillis()));
                throw new RetriableException(where + ": " + e.getMessage(), e);
            }
        }
        try {
            dispatcher.flushDigests();
        } catch (Deferred e) {
            LOG.warn("Digest not sent yet, kept for the next try: {}", e.getMessage());
        }
    }

    private void report(SinkRecord r, String reason) {
        ErrantRecordReporter reporter = context.errantRecordReporter();
        if (reporter == null) {
            throw new ConnectException(r.topic() + "-" + r.kafkaPartition() + "@" + r.kafkaOffset() + ": " + reason
                    + " (configure errors.tolerance=all and errors.deadletterqueue.topic.name to keep going)");
        }
        reporter.report(r, new RefusedAlertException(reason));
    }

    @Override
    public void stop() {
        if (sent != null) {
            sent.close();
        }
        if (decoder != null) {
            decoder.close();
        }
    }
}
