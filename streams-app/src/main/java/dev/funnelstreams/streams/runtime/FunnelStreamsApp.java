package dev.funnelstreams.streams.runtime;

import dev.funnelstreams.streams.AppConfig;
import dev.funnelstreams.streams.SerdeFactory;
import dev.funnelstreams.streams.Topics;
import dev.funnelstreams.streams.http.AppStatus;
import dev.funnelstreams.streams.http.FunnelHttpServer;
import dev.funnelstreams.streams.topology.FunnelTopology;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wiring in one place: check the broker and registry, create missing topics (when allowed), build
 * the topology, bind the HTTP server (its address is {@code application.server}), start Kafka
 * Streams, serve the HTTP API; {@link #close()} stops them in reverse order (SIGTERM via the
 * shutdown hook).
 */
public final class FunnelStreamsApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FunnelStreamsApp.class);

    private final AppConfig config;
    private final Topics topics;
    private final KafkaStreams streams;
    private final FunnelHttpServer http;
    private final RegistryOutage outage;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private FunnelStreamsApp(AppConfig config, Topics topics, KafkaStreams streams, FunnelHttpServer http,
            RegistryOutage outage) {
        this.config = config;
        this.topics = topics;
        this.streams = streams;
        this.http = http;
        this.outage = outage;
    }

    /** Why processing is waiting for the schema registry, while it is. */
    public Optional<String> waitingFor() {
        return outage.current();
    }

    /**
     * Checks, creates topics, builds and starts the app; refuses ({@link ConfigGuard.Changed}) to start on state
     * built under another funnel config.
     */
    public static FunnelStreamsApp start(AppConfig config, Topics topics) throws Exception {
        SerdeFactory serdes = SerdeFactory.of(config.registry());
        Preflight.broker(config);
        Preflight.registry(config, serdes.client());
        // the first calls that need ACLs: a refusal is the operator's to fix, in one line
        if (config.createTopics()) {
            try {
                List<String> created = TopicAdmin.createMissing(config, topics);
                if (!created.isEmpty()) {
                    LOG.info("created topics {}", created);
                }
            } catch (ExecutionException | KafkaException e) {
                throw Preflight.refusedOr(e, config, "finding or creating its topics "
                        + String.join(", ", topics.all()));
            }
        }
        try {
            ConfigGuard.check(config, topics, Instant.now());
        } catch (ExecutionException | KafkaException e) {
            throw Preflight.refusedOr(e, config, "creating, reading or writing "
                    + ConfigGuard.topic(config.applicationId()));
        }
        Topology topology = FunnelTopology.build(config.funnel(), topics, serdes,
                config.flushIntervalMs() == 0 ? null : Duration.ofMillis(config.flushIntervalMs()),
                config.alertTimers());
        Properties props = ClientSettings.streams(config);
        AtomicLong processingErrors = new AtomicLong();
        props.putAll(ClientSettings.errorHandling(topics, processingErrors));
        FunnelHttpServer http = config.http().enabled() ? FunnelHttpServer.bind(config.http()) : null;
        if (http != null) {
            props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, http.applicationServer());
        }
        KafkaStreams streams;
        try {
            streams = new KafkaStreams(topology, props);
        } catch (RuntimeException e) {
            if (http != null) {
                http.close();
            }
            throw e;
        }
        String instanceId = props.getProperty(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        Consumer<Thread> replacing = instanceId == null ? t -> { }
                : new ReplacedThreadMembership(ClientSettings.common(config), config.applicationId(), instanceId);
        RegistryOutage outage = new RegistryOutage(() -> {
            try {
                Preflight.registry(config, serdes.client());
                return true;
            } catch (Preflight.Unreachable e) {
                return false;
            }
        }, replacing);
        streams.setUncaughtExceptionHandler(outage);
        FunnelStreamsApp app = new FunnelStreamsApp(config, topics, streams, http, outage);
        streams.setStateListener((now, before) -> {
            LOG.info("state {} -> {}", before, now);
            if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) {
                app.stopped.countDown();
            }
        });
        try {
            streams.start();
            if (http != null) {
                http.start(streams, config.funnel(), config.applicationId(), topics,
                        new AppStatus(outage::current, outage::outages, processingErrors::get));
            }
        } catch (RuntimeException e) {
            app.close();
            throw e;
        }
        return app;
    }

    public KafkaStreams streams() {
        return streams;
    }

    /** Blocks until the app has stopped (closed, or failed). */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** The HTTP server (to add pages with {@link FunnelHttpServer#route}); empty when streams.http.enabled is false. */
    public Optional<FunnelHttpServer> http() {
        return Optional.ofNullable(http);
    }

    /** The HTTP API's base URI, e.g. {@code http://127.0.0.1:8080/}; empty when HTTP is disabled. */
    public Optional<URI> httpUri() {
        return http().map(FunnelHttpServer::uri);
    }

    @Override
    public void close() {
        outage.close();
        if (http != null) {
            http.close();
        }
        // Leaving the consumer group (the default) moves the partitions to the other instances (or to this
        // app's next start) at once, not after session.timeout.ms (45 s) of nobody processing them, which
        // Kafka Streams' own default (remain in the group) would cost every restart and `funnel demo --resume`.
        // Remaining suits static membership (group.instance.id): a restart within the session keeps its tasks.
        streams.close(CloseOptions.groupMembershipOperation(config.leaveGroupOnClose()
                ? CloseOptions.GroupMembershipOperation.LEAVE_GROUP
                : CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP).withTimeout(Duration.ofSeconds(30)));
        stopped.countDown();
    }

    @Override
    public String toString() {
        return "funnel-streams " + config.applicationId() + " on " + config.bootstrapServers() + " (" + topics.leadEvents()
                + ")";
    }
}
