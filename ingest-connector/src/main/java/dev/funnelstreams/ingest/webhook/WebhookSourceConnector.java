package dev.funnelstreams.ingest.webhook;

import dev.funnelstreams.ingest.connect.MappingValidation;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * An HTTP endpoint for signed JSON pushes (one event or a batch) from a CRM, mapped with the same
 * mapping files as exports. One task, listening on {@code listener.port} of the worker it runs on.
 */
public class WebhookSourceConnector extends SourceConnector {

    private Map<String, String> props;

    @Override
    public String version() {
        return dev.funnelstreams.ingest.connect.Version.VALUE;
    }

    @Override
    public void start(Map<String, String> props) {
        new WebhookSourceConfig(props);
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return WebhookSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return List.of(props);
    }

    /** A push has no replayable offset: a sender's retry after a lost reply repeats it (eventIds dedupe). */
    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        return ExactlyOnceSupport.UNSUPPORTED;
    }

    @Override
    public void stop() {
    }

    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        return MappingValidation.addTo(super.validate(connectorConfigs), connectorConfigs);
    }

    @Override
    public ConfigDef config() {
        return WebhookSourceConfig.configDef();
    }
}
