package dev.funnelstreams.ingest.connect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelstreams.ingest.webhook.WebhookSourceConnector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both connectors' ConfigDefs: every key documented and grouped. */
class ConnectorConfigDocsTest {

    @Test
    void webhookDocumentsAndGroupsEveryKey() {
        ConfigDef def = new WebhookSourceConnector().config();
        assertThat(def.configKeys().values()).allSatisfy(k -> {
            assertThat(k.documentation).as(k.name).isNotBlank();
            assertThat(k.group).as(k.name).isNotBlank();
        });
        assertThat(def.names()).contains("listener.port", "signature.secret", "mapping.file", "schema.registry.url");
    }

    @Test
    void validationReportsMappingErrorsOnTheMappingFileKey(@TempDir Path dir) throws IOException {
        Path m = dir.resolve("m.yaml");
        Files.writeString(m, "files:\n  - match: x\n    events:\n      - type: LeadWon\n");
        Config c = new FileSourceConnector().validate(Map.of(
                "input.path", dir.toString(), "finished.path", dir.toString(), "mapping.file", m.toString(),
                "schema.registry.url", "http://r"));
        assertThat(c.configValues()).filteredOn(v -> v.name().equals("mapping.file"))
                .singleElement().satisfies(v -> assertThat(v.errorMessages())
                        .containsExactly("files[0].events[0].type: unknown event type 'LeadWon'; allowed: "
                                + "[LeadCreated, StageChanged, ActivityLogged, OwnerChanged, LeadUpdated, LeadLost, ChannelSpend]"));
    }

    @Test
    void documentsAndGroupsEveryKey() {
        ConfigDef def = new FileSourceConnector().config();
        assertThat(def.configKeys()).isNotEmpty();
        assertThat(def.configKeys().values()).allSatisfy(k -> {
            assertThat(k.documentation).as(k.name).isNotBlank();
            assertThat(k.group).as(k.name).isNotBlank();
        });
        assertThat(def.names()).contains("input.path", "mapping.file", "topic.rejected", "schema.registry.url");
    }
}
