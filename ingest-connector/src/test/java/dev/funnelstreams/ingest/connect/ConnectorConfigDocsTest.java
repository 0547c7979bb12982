package dev.funnelstreams.ingest.connect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelstreams.ingest.webhook.WebhookSourceConnector;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;

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
