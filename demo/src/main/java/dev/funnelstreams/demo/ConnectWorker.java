package dev.funnelstreams.demo;

import dev.funnelstreams.alertsink.AlertSinkConfig;
import dev.funnelstreams.alertsink.AlertSinkConnector;
import dev.funnelstreams.ingest.connect.FileSourceConnector;
import dev.funnelstreams.streams.Topics;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.utils.internals.Exit;
import org.apache.kafka.connect.cli.ConnectStandalone;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.runtime.Herder;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorInfo;
import org.apache.kafka.connect.runtime.standalone.StandaloneHerder;
import org.apache.kafka.connect.util.FutureCallback;

/**
 * A standalone Kafka Connect worker in this JVM (connect-runtime's own ConnectStandalone wiring, offsets in a
 * file under the demo's data directory) running the project's file source connector on the drop directory.
 */
final class ConnectWorker implements AutoCloseable {

    static final String CONNECTOR = "crm-file-source";
    static final String ALERT_SINK = "alert-sink";

    private final Connect<StandaloneHerder> connect;
    private final String restUrl;

    private ConnectWorker(Connect<StandaloneHerder> connect, String restUrl) {
        this.connect = connect;
        this.restUrl = restUrl;
    }

    static ConnectWorker start(String bootstrap, DemoDirs dirs, int restPort) {
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", bootstrap);
        // the connector hands the worker bytes that already are Avro in the Confluent wire format
        props.put("key.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        props.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        props.put("offset.storage.file.filename", dirs.connectOffsets().toString());
        props.put("offset.flush.interval.ms", "1000");
        props.put("listeners", "http://" + Ports.LOOPBACK + ":" + restPort);
        // the plugin is on the class path with a service-loader entry: no class-path scan of a large jar
        props.put("plugin.discovery", "service_load");
        props.put("producer.linger.ms", "20");
        props.put("producer.compression.type", "lz4");
        // Connect registers a JVM shutdown hook of its own that stops the worker. On Ctrl-C it would run at the
        // same time as the demo's hook, which stops the parts in order (trickle, worker, app, registry, broker):
        // when Connect's hook wins the race, the demo's connect.stop() returns at once (Connect counts its stop
        // latch down for the loser too) and the worker can still be stopping its task while the broker goes
        // down (once, in CI, a demo did not exit after its parts had stopped; this race is the suspect, not a
        // proven cause). The demo's hook is the one that stops this worker.
        Connect<StandaloneHerder> connect;
        Exit.setShutdownHookAdder((name, hook) -> { });
        try {
            connect = new ConnectStandalone().startConnect(props);
        } finally {
            Exit.resetShutdownHookAdder();
        }
        return new ConnectWorker(connect, "http://" + Ports.LOOPBACK + ":" + restPort);
    }

    /** Creates the file source connector on the inbox; returns once the herder accepted it. */
    void startFileConnector(DemoDirs dirs, String registryUrl, Topics topics) throws Exception {
        Map<String, String> c = new HashMap<>();
        c.put("name", CONNECTOR);
        c.put("connector.class", FileSourceConnector.class.getName());
        c.put("tasks.max", "1");
        c.put("input.path", dirs.inbox().toString());
        c.put("finished.path", dirs.done().toString());
        c.put("mapping.file", dirs.mappingFile().toString());
        c.put("funnel.config", dirs.configFile().toString());
        // files arrive whole (written in staging, then moved): no need to wait for them to settle
        c.put("file.min.age.ms", "0");
        c.put("poll.interval.ms", "200");
        c.put("batch.rows", "5000");
        c.put("topic.lead.events", topics.leadEvents());
        c.put("topic.channel.spend", topics.channelSpend());
        c.put("topic.rejected", DemoTopics.REJECTED);
        c.put("schema.registry.url", registryUrl);
        FutureCallback<Herder.Created<ConnectorInfo>> cb = new FutureCallback<>();
        connect.herder().putConnectorConfig(CONNECTOR, c, true, cb);
        cb.get(60, TimeUnit.SECONDS);
    }

    /**
     * Creates the alert sink connector: every alert (CLEARED too) to the demo's inbox page as a signed webhook,
     * with a link to the lead on the dashboard. Returns once the herder accepted it.
     */
    void startAlertSink(DemoDirs dirs, String bootstrap, String registryUrl, Topics topics, String dashboardUrl,
            String inboxSecret) throws Exception {
        Files.createDirectories(dirs.alertRoutes().getParent());
        Files.writeString(dirs.alertRoutes(), """
                # written by funnel demo: every alert to the demo's inbox page, signed with a per-run secret
                channels:
                  demo-inbox:
                    type: webhook
                    url: "%s%s"
                    secret: "${secret:inbox}"
                    ratePerMinute: 120
                default: {channel: demo-inbox, sendCleared: true}
                """.formatted(dashboardUrl.replaceAll("/$", ""), DemoInbox.PATH));
        Map<String, String> c = new HashMap<>();
        c.put("name", ALERT_SINK);
        c.put("connector.class", AlertSinkConnector.class.getName());
        c.put("tasks.max", "1");
        c.put("topics", topics.alerts());
        // the app writes alerts in exactly-once transactions: a person gets only committed ones
        c.put("consumer.override.isolation.level", "read_committed");
        c.put(AlertSinkConfig.ROUTES_FILE, dirs.alertRoutes().toString());
        c.put(AlertSinkConfig.SECRET_PREFIX + "inbox", inboxSecret);
        c.put(AlertSinkConfig.DASHBOARD_URL, dashboardUrl);
        c.put(AlertSinkConfig.SENT_BOOTSTRAP, bootstrap);
        c.put(AlertSinkConfig.SENT_RF, "1");
        c.put("schema.registry.url", registryUrl);
        FutureCallback<Herder.Created<ConnectorInfo>> cb = new FutureCallback<>();
        connect.herder().putConnectorConfig(ALERT_SINK, c, true, cb);
        cb.get(60, TimeUnit.SECONDS);
    }

    String restUrl() {
        return restUrl;
    }

    @Override
    public void close() {
        connect.stop();
        connect.awaitStop();
    }
}
