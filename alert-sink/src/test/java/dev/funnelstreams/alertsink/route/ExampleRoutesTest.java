package dev.funnelstreams.alertsink.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelstreams.alertsink.Alerts;
import dev.funnelstreams.alertsink.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The example routes file shipped in examples/ and in the plugin's etc/ is valid and routes as its comments say. */
class ExampleRoutesTest {

    @Test
    void exampleRoutesParseAndRouteByOwnerRuleAndDefault() throws Exception {
        Routes r = new RoutesParser(Map.of("ding-token", Secret.of("t"), "ding-sign", Secret.of("s"),
                "smtp", Secret.of("p"))).parse(Files.readString(Path.of("../examples/alert-routes.yaml")));
        assertThat(r.targets(Alerts.stall("1", "L-1", "alice", "A"))).extracting(Target::id).containsExactly("owner:alice");
        assertThat(r.targets(Alerts.stall("1", "L-1", "bob", "A")).get(0).to()).containsExactly("bob@example.com");
        assertThat(r.targets(Alerts.conversionDrop("2"))).extracting(Target::id).containsExactly("default");
    }
}
