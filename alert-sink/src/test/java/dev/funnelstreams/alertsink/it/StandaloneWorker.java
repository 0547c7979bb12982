package dev.funnelstreams.alertsink.it;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.cli.ConnectStandalone;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.runtime.Herder;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorInfo;
import org.apache.kafka.connect.runtime.standalone.StandaloneHerder;
import org.apache.kafka.connect.util.FutureCallback;

/**
 * An unmodified standalone Connect worker (connect-runtime's ConnectStandalone wiring) in the test
 * JVM, with the converters the README prescribes. Small poll batches so a stop lands mid-stream.
 */
final class StandaloneWorker implements AutoCloseable {

    private final Connect<StandaloneHerder> connect;

    StandaloneWorker(String bootstrap, Path offsetsFile) {
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", bootstrap);
        props.put("key.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        props.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        props.put("offset.storage.file.filename", offsetsFile.toString());
        props.put("offset.flush.interval.ms", "1000");
        props.put("consumer.max.poll.records", "5");
        props.put("listeners", "http://127.0.0.1:0");
        props.put("plugin.discovery", "hybrid_warn");
        connect = new ConnectStandalone().startConnect(props);
    }

    void startConnector(String name, String connectorClass, Map<String, String> config) throws Exception {
        Map<String, String> c = new HashMap<>(config);
        c.put("name", name);
        c.put("connector.class", connectorClass);
        FutureCallback<Herder.Created<ConnectorInfo>> cb = new FutureCallback<>();
        connect.herder().putConnectorConfig(name, c, false, cb);
        cb.get(60, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        connect.stop();
        connect.awaitStop();
    }
}
