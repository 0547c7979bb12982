package dev.funnelstreams.alertsink.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnelstreams.alertsink.Alerts;
import dev.funnelstreams.alertsink.Secret;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which targets an alert gets, and the routes file errors that name their key. */
class RoutesTest {

    static final String YAML = """
            channels:
              sales-robot:
                type: dingtalk
                url: "https://oapi.dingtalk.com/robot/send?access_token=${secret:ding-token}"
                secret: "${secret:ding-sign}"
              managers:
                type: wecom
                url: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${secret:wecom-key}"
                markdown: true
              ops-mail:
                type: email
                smtp: {host: smtp.example.com, port: 587, from: alerts@example.com, username: alerts, password: "${secret:smtp}"}
                to: [ops@example.com]
            owners:
              alice: {channel: sales-robot, sendCleared: true}
              bob: {channel: ops-mail, to: bob@example.com}
            rules:
              - name: a-tier-stalls
                types: [STALL]
                tiers: [A]
                channel: managers
            default:
              channel: ops-mail
            """;

    static final Map<String, Secret> SECRETS = Map.of("ding-token", Secret.of("tok"), "ding-sign", Secret.of("SECx"),
            "wecom-key", Secret.of("key1"), "smtp", Secret.of("pw"));

    private final Routes routes = new RoutesParser(SECRETS).parse(YAML);

    @Test
    void mappedOwnerGetsTheAlertAndAnATierStallAlsoGoesToTheMatchingRule() {
        assertThat(routes.targets(Alerts.stall("1", "L-1", "alice", "A"))).extracting(Target::id)
                .containsExactly("owner:alice", "rule:a-tier-stalls");
        assertThat(routes.targets(Alerts.stall("1", "L-1", "alice", "B"))).extracting(Target::id)
                .containsExactly("owner:alice");
    }

    @Test
    void ownerAddressOverridesTheChannelDefaultRecipients() {
        Target t = routes.targets(Alerts.stall("1", "L-1", "bob", "C")).get(0);
        assertThat(t.id()).isEqualTo("owner:bob");
        assertThat(t.to()).containsExactly("bob@example.com");
    }

    @Test
    void unmappedOwnerAndConversionDropGoToTheDefault() {
        assertThat(routes.targets(Alerts.stall("1", "L-1", "carol", "C"))).singleElement()
                .satisfies(t -> {
                    assertThat(t.id()).isEqualTo("default");
                    assertThat(t.to()).containsExactly("ops@example.com");
                });
        assertThat(routes.targets(Alerts.conversionDrop("9"))).extracting(Target::id).containsExactly("default");
    }

    @Test
    void secretReferencesAreResolvedFromConnectorSettings() {
        ChannelSpec ding = routes.channels().get("sales-robot");
        assertThat(ding.url().reveal()).isEqualTo("https://oapi.dingtalk.com/robot/send?access_token=tok");
        assertThat(ding.secret().reveal()).isEqualTo("SECx");
        assertThat(routes.channels().get("ops-mail").smtp().password().reveal()).isEqualTo("pw");
    }

    @Test
    void errorsNameTheKeyPath() {
        RoutesParser p = new RoutesParser(SECRETS);
        assertThatThrownBy(() -> p.parse(YAML.replace("channel: managers", "channel: managerz")))
                .hasMessage("rules[0].channel: unknown channel 'managerz'; defined: [sales-robot, managers, ops-mail]");
        assertThatThrownBy(() -> new RoutesParser(Map.of()).parse(YAML))
                .hasMessage("channels.sales-robot.url: refers to ${secret:ding-token} but the connector has no setting"
                        + " secret.ding-token");
        assertThatThrownBy(() -> p.parse(YAML.replace("sendCleared: true", "sendClear: true")))
                .hasMessageStartingWith("owners.alice.sendClear: unknown key");
        assertThatThrownBy(() -> p.parse(YAML.replace("type: wecom", "type: teams")))
                .hasMessageStartingWith("channels.managers.type: unknown channel type 'teams'");
        assertThatThrownBy(() -> p.parse(YAML.replace("bob: {channel: ops-mail, to: bob@example.com}",
                "bob: {channel: sales-robot, to: bob@example.com}")))
                .hasMessageStartingWith("owners.bob.to: only e-mail channels take recipients");
        assertThatThrownBy(() -> p.parse(YAML.replace("default:\n  channel: ops-mail\n", "")))
                .hasMessageStartingWith("default: a default route is required");
    }

    @Test
    void toStringShowsNoSecretUrlOrAddress() {
        String s = routes.toString() + routes.targets(Alerts.stall("1", "L-1", "bob", "A"));
        assertThat(s).doesNotContain("tok", "SECx", "key1", "pw", "bob@example.com", "ops@example.com");
        assertThat(Secret.of("SECx")).hasToString("[hidden]");
    }
}
