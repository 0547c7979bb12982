package dev.funnelstreams.alertsink;

import dev.funnelstreams.alertsink.route.RoutesException;
import dev.funnelstreams.alertsink.route.RoutesParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * Sink connector from {@code funnel.alerts} to people. Tasks share one configuration; Kafka spreads
 * the topic's partitions over them, and an alertId always lands on the same partition.
 */
public class AlertSinkConnector extends SinkConnector {

    private Map<String, String> props;

    @Override
    public void start(Map<String, String> props) {
        new AlertSinkConfig(props);
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return AlertSinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> out = new ArrayList<>();
        for (int i = 0; i < maxTasks; i++) {
            out.add(props);
        }
        return out;
    }

    @Override
    public void stop() {
        // nothing to release: the tasks own their clients
    }

    @Override
    public ConfigDef config() {
        return AlertSinkConfig.configDef();
    }

    /** Also parses the routes file, so a bad route shows up on {@code routes.file} before the connector starts. */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config c = super.validate(connectorConfigs);
        ConfigValue routes = c.configValues().stream()
                .filter(v -> v.name().equals(AlertSinkConfig.ROUTES_FILE)).findFirst().orElseThrow();
        if (routes.errorMessages().isEmpty() && routes.value() != null) {
            try {
                String yaml = Files.readString(Path.of(routes.value().toString()), StandardCharsets.UTF_8);
                new RoutesParser(new AlertSinkConfig(connectorConfigs).secrets()).parse(yaml);
            } catch (IOException e) {
                routes.addErrorMessage("cannot read the routes file: " + e);
            } catch (RoutesException e) {
                routes.addErrorMessage(e.getMessage());
            } catch (org.apache.kafka.common.config.ConfigException e) {
                routes.addErrorMessage("fix the other settings first: " + e.getMessage());
            }
        }
        return c;
    }

    @Override
    public String version() {
        return Version.VALUE;
    }
}
