package dev.funnelstreams.alertsink.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.funnelstreams.alertsink.Receiver;
import dev.funnelstreams.alertsink.route.ChannelType;
import dev.funnelstreams.alertsink.route.Specs;
import java.util.List;
import org.junit.jupiter.api.Test;

/** WeCom group robot: the key in the URL, msgtype text or markdown, errcode in the reply. */
class WeComChannelTest {

    private final ChannelFixture f = new ChannelFixture();

    @Test
    void postsTextToTheKeyUrl() throws Exception {
        try (Receiver robot = new Receiver("{\"errcode\":0,\"errmsg\":\"ok\"}")) {
            new WeComChannel(Specs.robot(ChannelType.WECOM, "wecom", robot.url("/cgi-bin/webhook/send?key=k-42"), "",
                    false), f.http).send(f.notice, List.of());

            Receiver.Request r = robot.only();
            assertThat(r.uri().getPath()).isEqualTo("/cgi-bin/webhook/send");
            assertThat(r.uri().getQuery()).isEqualTo("key=k-42");
            JsonNode body = ChannelFixture.json(r.body());
            assertThat(body.path("msgtype").asText()).isEqualTo("text");
            assertThat(body.path("text").path("content").asText()).isEqualTo(f.notice.text());
        }
    }

    @Test
    void markdownRouteSendsMarkdownContent() throws Exception {
        try (Receiver robot = new Receiver("{\"errcode\":0,\"errmsg\":\"ok\"}")) {
            new WeComChannel(Specs.robot(ChannelType.WECOM, "wecom", robot.url("/cgi-bin/webhook/send?key=k"), "",
                    true), f.http).send(f.notice, List.of());
            JsonNode body = ChannelFixture.json(robot.only().body());
            assertThat(body.path("msgtype").asText()).isEqualTo("markdown");
            assertThat(body.path("markdown").path("content").asText()).isEqualTo(f.notice.markdown());
        }
    }

    @Test
    void frequencyLimitIsRetriableAndInvalidKeyIsPermanent() throws Exception {
        try (Receiver robot = new Receiver("{\"errcode\":45009,\"errmsg\":\"api freq out of limit\"}")) {
            WeComChannel c = new WeComChannel(Specs.robot(ChannelType.WECOM, "wecom", robot.url("/s?key=k"), "", false), f.http);
            assertThatThrownBy(() -> c.send(f.notice, List.of())).isInstanceOfSatisfying(DeliveryException.class,
                    e -> assertThat(e.isRetriable()).isTrue());
            robot.answerByDefault(200, "{\"errcode\":93000,\"errmsg\":\"invalid webhook url\"}");
            assertThatThrownBy(() -> c.send(f.notice, List.of())).isInstanceOfSatisfying(DeliveryException.class,
                    e -> assertThat(e.isRetriable()).isFalse());
        }
    }
}
