package dev.funnelstreams.ingest.webhook;

import dev.funnelstreams.ingest.connect.SingleTaskSourceConnector;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.ExactlyOnceSupport;

/**
 * An HTTP endpoint for signed JSON pushes (one event or a batch) from a CRM, mapped with the same
 * mapping files as exports. One task, listening on {@code listener.port} of the worker it runs on.
 */
public class WebhookSourceConnector extends SingleTaskSourceConnector {

    @Override
    protected void check(Map<String, String> props) {
        new WebhookSourceConfig(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return WebhookSourceTask.class;
    }

    /** A push has no replayable offset: a sender's retry after a lost reply repeats it (eventIds dedupe). */
    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        return ExactlyOnceSupport.UNSUPPORTED;
    }

    @Override
    public ConfigDef config() {
        return WebhookSourceConfig.configDef();
    }
}
