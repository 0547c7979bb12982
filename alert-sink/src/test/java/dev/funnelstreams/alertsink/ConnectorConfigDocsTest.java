package dev.funnelstreams.alertsink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every key has documentation and a group; validation reports routes-file errors on routes.file. */
class ConnectorConfigDocsTest {

    @TempDir
    Path dir;

    @Test
    void documentsAndGroupsEveryKey() {
        ConfigDef def = new AlertSinkConnector().config();
        assertThat(def.configKeys().values()).allSatisfy(k -> {
            assertThat(k.documentation).as(k.name).isNotBlank();
            assertThat(k.group).as(k.name).isNotBlank();
        });
        assertThat(def.names()).contains("routes.file", "dashboard.base.url", "rate.limit.per.minute",
                "retry.budget.ms", "sent.log.topic", "sent.log.bootstrap.servers", "schema.registry.url");
    }

    @Test
    void readmeDocumentsEveryKey() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        assertThat(new AlertSinkConnector().config().names()).allSatisfy(k -> assertThat(readme).as(k).contains("`" + k + "`"));
        assertThat(readme).contains("`secret.<name>`", "`sent.log.client.*`");
    }

    @Test
    void validationReportsRoutesFileErrorsOnThatKey() throws Exception {
        Path routes = dir.resolve("routes.yaml");
        Files.writeString(routes, "channels:\n  x: {type: teams, url: \"https://example.com\"}\ndefault: {channel: x}\n");
        Config c = new AlertSinkConnector().validate(Map.of("routes.file", routes.toString(),
                "sent.log.bootstrap.servers", "k:9092", "schema.registry.url", "http://r:8081"));
        assertThat(c.configValues()).filteredOn(v -> v.name().equals("routes.file")).singleElement()
                .satisfies(v -> assertThat(v.errorMessages()).containsExactly(
                        "channels.x.type: unknown channel type 'teams'; allowed: dingtalk, feishu, wecom, slack, webhook, email"));
    }
}
