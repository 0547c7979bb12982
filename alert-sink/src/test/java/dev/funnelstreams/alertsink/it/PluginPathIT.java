package dev.funnelstreams.alertsink.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelstreams.alertsink.AlertSinkConnector;
import dev.funnelstreams.alertsink.Version;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.connect.connector.Connector;
import org.apache.kafka.connect.runtime.isolation.PluginDesc;
import org.apache.kafka.connect.runtime.isolation.Plugins;
import org.junit.jupiter.api.Test;

/** The packaged plugin folder, loaded the way an unmodified worker does: isolation over plugin.path, service-loader discovery. */
class PluginPathIT {

    @Test
    void workerDiscoversTheSinkFromThePluginFolderInIsolation() {
        Path dir = Path.of(System.getProperty("plugin.dir"));
        try (var folders = Files.list(dir)) {
            Path plugin = folders.filter(Files::isDirectory).findFirst().orElseThrow();
            assertThat(plugin.resolve("manifest.json")).isRegularFile();
            assertThat(plugin.resolve("doc/README.md")).isRegularFile();
            assertThat(plugin.resolve("etc")).isDirectory();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        Plugins plugins = new Plugins(Map.of("plugin.path", dir.toString(), "plugin.discovery", "service_load"));
        assertThat(plugins.sinkConnectors())
                .filteredOn(d -> d.className().equals(AlertSinkConnector.class.getName()))
                .extracting(PluginDesc::location)
                .anySatisfy(location -> assertThat(location).contains(dir.toString()));
        Connector c = plugins.newConnector("AlertSinkConnector");
        assertThat(c.version()).isEqualTo(Version.VALUE);
    }
}
