package dev.funnelstreams.ingest.connect;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * What the project's source connectors share: one task that gets the connector's settings as
 * given, checked once at start, and mapping errors reported by {@code validate} on the mapping key.
 */
public abstract class SingleTaskSourceConnector extends SourceConnector {

    private Map<String, String> props;

    @Override
    public String version() {
        return Version.VALUE;
    }

    @Override
    public final void start(Map<String, String> props) {
        check(props);
        this.props = Map.copyOf(props);
    }

    /** Parses and checks the settings; throws a ConnectException (or ConfigException) naming the key. */
    protected abstract void check(Map<String, String> props);

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return List.of(props);
    }

    @Override
    public void stop() {
    }

    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        return MappingValidation.addTo(super.validate(connectorConfigs), connectorConfigs);
    }
}
