package dev.funnelstreams.alertsink.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.funnelstreams.alertsink.Receiver;
import dev.funnelstreams.alertsink.route.ChannelType;
import dev.funnelstreams.alertsink.route.Specs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Slack incoming webhook: {"text": ...}; 4xx errors are permanent, 429 carries Retry-After. */
class SlackChannelTest {

    private final ChannelFixture f = new ChannelFixture();

    @Test
    void postsTheTextAsJson() throws Exception {
        try (Receiver slack = new Receiver("ok")) {
            new SlackChannel(Specs.robot(ChannelType.SLACK, "slack", slack.url("/services/T0/B0/XYZ"), "", false), f.http)
                    .send(f.notice, List.of());
            Receiver.Request r = slack.only();
            assertThat(r.uri().getPath()).isEqualTo("/services/T0/B0/XYZ");
            JsonNode body = ChannelFixture.json(r.body());
            assertThat(body.size()).isEqualTo(1);
            assertThat(body.path("text").asText()).isEqualTo(f.notice.text());
        }
    }

    @Test
    void noServiceIsPermanentAndRateLimitedCarriesRetryAfter() throws Exception {
        try (Receiver slack = new Receiver("ok")) {
            SlackChannel c = new SlackChannel(Specs.robot(ChannelType.SLACK, "slack", slack.url("/services/x"), "", false), f.http);
            slack.then(404, Map.of(), "no_service");
            assertThatThrownBy(() -> c.send(f.notice, List.of())).isInstanceOfSatisfying(DeliveryException.class, e -> {
                assertThat(e.isRetriable()).isFalse();
                assertThat(e.getMessage()).isEqualTo("slack: HTTP 404 no_service");
            });
            slack.then(429, Map.of("Retry-After", "7"), "rate_limited");
            assertThatThrownBy(() -> c.send(f.notice, List.of())).isInstanceOfSatisfying(DeliveryException.class, e -> {
                assertThat(e.isRetriable()).isTrue();
                assertThat(e.retryAfter()).hasSeconds(7);
            });
        }
    }
}
