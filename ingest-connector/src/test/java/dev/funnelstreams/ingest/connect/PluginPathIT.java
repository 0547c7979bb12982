package dev.funnelstreams.ingest.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.connect.connector.Connector;
import org.apache.kafka.connect.runtime.isolation.PluginDesc;
import org.apache.kafka.connect.runtime.isolation.Plugins;
import org.junit.jupiter.api.Test;

/**
 * The packaged plugin folder, loaded the way an unmodified worker does: plugin isolation over
 * {@code plugin.path}, with service-loader discovery as Kafka 4 recommends.
 */
class PluginPathIT {

    @Test
    void workerDiscoversTheConnectorFromThePluginFolderInIsolation() {
        Path dir = Path.of(System.getProperty("plugin.dir"));
        assertThat(Files.isRegularFile(dir.resolve("funnel-streams-ingest-connector-" + System.getProperty(
                "project.version", "0.1.0-SNAPSHOT") + "/manifest.json"))).isTrue();
        Plugins plugins = new Plugins(Map.of("plugin.path", dir.toString(), "plugin.discovery", "service_load"));
        // The test class path has the connector too; the folder's copy is the one with its location.
        assertThat(plugins.sourceConnectors())
                .filteredOn(d -> d.className().equals(FileSourceConnector.class.getName()))
                .extracting(PluginDesc::location)
                .anySatisfy(location -> assertThat(location).contains(dir.toString()));
        Connector c = plugins.newConnector("FileSourceConnector");
        assertThat(c.version()).isEqualTo(Version.VALUE);
    }
}
