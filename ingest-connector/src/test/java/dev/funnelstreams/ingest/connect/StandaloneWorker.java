package dev.funnelstreams.ingest.connect;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.cli.ConnectStandalone;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.runtime.standalone.StandaloneHerder;
import org.apache.kafka.connect.util.FutureCallback;

/**
 * An unmodified standalone Connect worker (connect-runtime's own ConnectStandalone wiring) in the
 * test JVM: converters as documented in the README, offsets in a file that survives a restart.
 */
public final class StandaloneWorker implements AutoCloseable {

    private final Connect<StandaloneHerder> connect;

    public StandaloneWorker(String bootstrap, Path offsetsFile) {
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", bootstrap);
        props.put("key.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        props.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        props.put("offset.storage.file.filename", offsetsFile.toString());
        props.put("offset.flush.interval.ms", "500");
        props.put("listeners", "http://127.0.0.1:0");
        props.put("plugin.discovery", "hybrid_warn");
        connect = new ConnectStandalone().startConnect(props);
    }

    public void startConnector(String name, Map<String, String> config) throws Exception {
        startConnector(name, FileSourceConnector.class.getName(), config);
    }

    public void startConnector(String name, String connectorClass, Map<String, String> config) throws Exception {
        Map<String, String> c = new HashMap<>(config);
        c.put("name", name);
        c.put("connector.class", connectorClass);
        c.put("tasks.max", "1");
        FutureCallback<org.apache.kafka.connect.runtime.Herder.Created<
                org.apache.kafka.connect.runtime.rest.entities.ConnectorInfo>> cb = new FutureCallback<>();
        connect.herder().putConnectorConfig(name, c, false, cb);
        cb.get(60, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        connect.stop();
        connect.awaitStop();
    }
}
