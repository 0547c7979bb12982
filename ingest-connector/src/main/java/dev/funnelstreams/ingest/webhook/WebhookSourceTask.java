package dev.funnelstreams.ingest.webhook;

import com.sun.net.httpserver.HttpServer;
import dev.funnelstreams.core.config.FunnelConfigLoader;
import dev.funnelstreams.ingest.connect.FileSourceConfig;
import dev.funnelstreams.ingest.connect.RecordFactory;
import dev.funnelstreams.ingest.mapping.FileMapper;
import dev.funnelstreams.ingest.mapping.Mapping;
import dev.funnelstreams.ingest.pipeline.EventGate;
import dev.funnelstreams.ingest.pipeline.RowPipeline;
import dev.funnelstreams.registry.KafkaAvroSerializer;
import dev.funnelstreams.registry.SchemaRegistryClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the HTTP listener; HTTP threads map and queue pushes, {@link #poll()} hands them to the
 * worker, {@link #commitRecord} releases the waiting push once Kafka acknowledged its records.
 */
public class WebhookSourceTask extends SourceTask {

    private static final Logger log = LoggerFactory.getLogger(WebhookSourceTask.class);

    private final SchemaRegistryClient client;
    private HttpServer server;
    private ExecutorService threads;
    private PushQueue queue;

    public WebhookSourceTask() {
        this(null);
    }

    /** With a given registry client (tests); null means one from the task config. */
    WebhookSourceTask(SchemaRegistryClient client) {
        this.client = client;
    }

    @Override
    public String version() {
        return dev.funnelstreams.ingest.connect.Version.VALUE;
    }

    @Override
    public void start(Map<String, String> props) {
        WebhookSourceConfig config = new WebhookSourceConfig(props);
        String secret = config.getPassword(WebhookSourceConfig.SECRET).value();
        if (secret == null || secret.isEmpty()) {
            throw new ConfigException(WebhookSourceConfig.SECRET, "", "must not be empty");
        }
        Mapping mapping = Mapping.load(Path.of(config.getString(FileSourceConfig.MAPPING_FILE)),
                blankToNull(config.getString(FileSourceConfig.LOOKUP_DIR)));
        String source = config.getString(WebhookSourceConfig.SOURCE_NAME);
        FileMapper mapper = mapping.forFile(source).orElseThrow(() -> new ConfigException(
                WebhookSourceConfig.SOURCE_NAME, source, "no files: entry of the mapping matches this name"));
        Path funnel = blankToNull(config.getString(FileSourceConfig.FUNNEL_CONFIG));
        EventGate gate = new EventGate(funnel == null ? null : FunnelConfigLoader.load(funnel), Clock.systemUTC());
        RecordFactory records = new RecordFactory(config.getString(FileSourceConfig.LEAD_EVENTS_TOPIC),
                config.getString(FileSourceConfig.CHANNEL_SPEND_TOPIC), config.getString(FileSourceConfig.REJECTED_TOPIC),
                serializer(props, false), serializer(props, true), serializer(props, false));
        queue = new PushQueue(config.getInt(WebhookSourceConfig.QUEUE_MAX_RECORDS));
        WebhookHandler handler = new WebhookHandler(config,
                new SignatureCheck(config.getString(WebhookSourceConfig.SCHEME), secret,
                        config.getLong(WebhookSourceConfig.TOLERANCE_MS), Clock.systemUTC()),
                new PushMapper(new RowPipeline(source, mapper, gate)), records, queue);
        readTimeouts(config);
        try {
            server = HttpServer.create(new InetSocketAddress(config.getString(WebhookSourceConfig.HOST),
                    config.getInt(WebhookSourceConfig.PORT)), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + WebhookSourceConfig.PORT + "="
                    + config.getInt(WebhookSourceConfig.PORT), e);
        }
        server.createContext(config.getString(WebhookSourceConfig.PATH), handler);
        threads = Executors.newFixedThreadPool(8);
        server.setExecutor(threads);
        server.start();
        log.info("webhook listening on {}{}", server.getAddress(), config.getString(WebhookSourceConfig.PATH));
    }

    /**
     * The JDK HTTP server has no read timeout unless these JVM-wide properties are set before its first start;
     * a value given on the worker's command line is kept.
     */
    private static void readTimeouts(WebhookSourceConfig config) {
        setIfAbsent("sun.net.httpserver.maxReqTime", config.getInt(WebhookSourceConfig.REQUEST_TIMEOUT_S));
        setIfAbsent("sun.net.httpserver.idleInterval", config.getInt(WebhookSourceConfig.IDLE_TIMEOUT_S));
        log.info("webhook read timeout {} s, idle timeout {} s", System.getProperty("sun.net.httpserver.maxReqTime"),
                System.getProperty("sun.net.httpserver.idleInterval"));
    }

    private static void setIfAbsent(String property, int seconds) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, Integer.toString(seconds));
        }
    }

    /** The bound port (useful with listener.port=0). */
    int port() {
        return server.getAddress().getPort();
    }

    private <T extends SpecificRecord> KafkaAvroSerializer<T> serializer(Map<String, String> props, boolean isKey) {
        KafkaAvroSerializer<T> s = client == null ? new KafkaAvroSerializer<>() : new KafkaAvroSerializer<>(client);
        s.configure(props, isKey);
        return s;
    }

    private static Path blankToNull(String s) {
        return s == null || s.isBlank() ? null : Path.of(s);
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        List<SourceRecord> batch = queue.take(1000, 200);
        return batch.isEmpty() ? null : batch;
    }

    @Override
    public void commitRecord(SourceRecord record, RecordMetadata metadata) {
        // Connect passes null metadata for a send that failed under errors.tolerance=all (or a dropped record)
        queue.acknowledged(record, metadata != null);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(1);
            threads.shutdownNow();
        }
    }
}
