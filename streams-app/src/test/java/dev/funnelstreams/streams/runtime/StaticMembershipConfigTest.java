package dev.funnelstreams.streams.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelstreams.streams.AppConfig;
import dev.funnelstreams.streams.StreamsSection;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class StaticMembershipConfigTest {

    private static AppConfig parse(String streams, Path stateDir) {
        return StreamsSection.parse("  applicationId: app\n  stateDir: " + stateDir + "\n" + streams);
    }

    @Test
    void byDefaultTheInstanceIsAStaticMemberNamedForItsHostAndStateDirectory() throws Exception {
        AppConfig a = parse("", Path.of("/var/lib/funnel-a"));
        AppConfig again = parse("", Path.of("/var/lib/funnel-a/../funnel-a"));
        AppConfig b = parse("", Path.of("/var/lib/funnel-b"));

        Properties props = ClientSettings.streams(a);
        String id = props.getProperty("group.instance.id");
        assertThat(id).startsWith("app-").isEqualTo(ClientSettings.streams(again).getProperty("group.instance.id"));
        assertThat(ClientSettings.streams(b).getProperty("group.instance.id")).isNotEqualTo(id);
    }

    @Test
    void canBeTurnedOffAndAnIdGivenUnderKafkaWins() throws Exception {
        assertThat(ClientSettings.streams(parse("  staticMembership: false\n", Path.of("/s")))
                .getProperty("group.instance.id")).isNull();
        assertThat(ClientSettings.streams(parse("  kafka: {group.instance.id: app-7}\n", Path.of("/s")))
                .getProperty("group.instance.id")).isEqualTo("app-7");
    }
}
