package dev.funnelstreams.streams.runtime;

import dev.funnelstreams.streams.AppConfig;
import dev.funnelstreams.streams.SerdeFactory;
import dev.funnelstreams.streams.Topics;
import dev.funnelstreams.streams.topology.FunnelTopology;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wiring in one place: check the broker and registry, create missing topics (when allowed), build
 * the topology, start Kafka Streams; {@link #close()} stops it (SIGTERM via the shutdown hook).
 */
public final class FunnelStreamsApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FunnelStreamsApp.class);

    private final AppConfig config;
    private final Topics topics;
    private final KafkaStreams streams;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private FunnelStreamsApp(AppConfig config, Topics topics, KafkaStreams streams) {
        this.config = config;
        this.topics = topics;
        this.streams = streams;
    }

    /** Checks, creates topics, builds and starts the app. */
    public static FunnelStreamsApp start(AppConfig config, Topics topics) throws Exception {
        SerdeFactory serdes = SerdeFactory.of(config.registry());
        Preflight.broker(config);
        Preflight.registry(config, serdes.client());
        if (config.createTopics()) {
            List<String> created = TopicAdmin.createMissing(config, topics);
            if (!created.isEmpty()) {
                LOG.info("created topics {}", created);
            }
        }
        Topology topology = FunnelTopology.build(config.funnel(), topics, serdes,
                Duration.ofMillis(config.flushIntervalMs()));
        KafkaStreams streams = new KafkaStreams(topology, ClientSettings.streams(config));
        FunnelStreamsApp app = new FunnelStreamsApp(config, topics, streams);
        streams.setStateListener((now, before) -> {
            LOG.info("state {} -> {}", before, now);
            if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) {
                app.stopped.countDown();
            }
        });
        streams.start();
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

    @Override
    public void close() {
        streams.close(Duration.ofSeconds(30));
        stopped.countDown();
    }

    @Override
    public String toString() {
        return "funnel-streams " + config.applicationId() + " on " + config.bootstrapServers() + " (" + topics.leadEvents()
                + ")";
    }
}
