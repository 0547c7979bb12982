package dev.funnelstreams.alertsink.channel;

import static dev.funnelstreams.alertsink.channel.ChannelFixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.funnelstreams.alertsink.Receiver;
import dev.funnelstreams.alertsink.route.ChannelType;
import dev.funnelstreams.alertsink.route.Specs;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** DingTalk custom robot: signed-secret mode as DingTalk documents it, text and markdown bodies, errcode handling. */
class DingTalkChannelTest {

    private static final String SECRET = "SEC0123456789abcdef";
    private final ChannelFixture f = new ChannelFixture();

    private static Map<String, String> query(Receiver.Request r) {
        // the raw query: sign is URL-encoded once by the sender, decoded once here
        return Arrays.stream(r.uri().getRawQuery().split("&")).map(p -> p.split("=", 2))
                .collect(Collectors.toMap(p -> p[0], p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
    }

    @Test
    void signsTheUrlWithTimestampAndHmacOfTimestampNewlineSecretAndSendsText() throws Exception {
        try (Receiver robot = new Receiver("{\"errcode\":0,\"errmsg\":\"ok\"}")) {
            new DingTalkChannel(Specs.robot(ChannelType.DINGTALK, "ding", robot.url("/robot/send?access_token=tok-1"),
                    SECRET, false), f.http).send(f.notice, List.of());

            Receiver.Request r = robot.only();
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.uri().getPath()).isEqualTo("/robot/send");
            assertThat(r.header("Content-Type")).startsWith("application/json");
            Map<String, String> q = query(r);
            assertThat(q).containsEntry("access_token", "tok-1").containsEntry("timestamp", Long.toString(NOW.toEpochMilli()));
            String stringToSign = q.get("timestamp") + "\n" + SECRET;
            String expected = Base64.getEncoder().encodeToString(
                    ChannelFixture.hmacSha256(ChannelFixture.utf8(SECRET), ChannelFixture.utf8(stringToSign)));
            assertThat(q.get("sign")).isEqualTo(expected);

            JsonNode body = ChannelFixture.json(r.body());
            assertThat(body.path("msgtype").asText()).isEqualTo("text");
            assertThat(body.path("text").path("content").asText())
                    .contains("Lead L-7 has been in proposal for 7 days")
                    .contains("https://funnel.example.com/#lead=L-7")
                    .contains("a1b2c3:RAISED");
        }
    }

    @Test
    void markdownRouteSendsTitleAndMarkdownText() throws Exception {
        try (Receiver robot = new Receiver("{\"errcode\":0,\"errmsg\":\"ok\"}")) {
            new DingTalkChannel(Specs.robot(ChannelType.DINGTALK, "ding", robot.url("/robot/send?access_token=t"),
                    "", true), f.http).send(f.notice, List.of());

            Receiver.Request r = robot.only();
            assertThat(query(r)).doesNotContainKeys("sign", "timestamp");
            JsonNode md = ChannelFixture.json(r.body()).path("markdown");
            assertThat(ChannelFixture.json(r.body()).path("msgtype").asText()).isEqualTo("markdown");
            assertThat(md.path("title").asText()).startsWith("[ALERT] Lead L-7");
            assertThat(md.path("text").asText()).contains("[Open lead](https://funnel.example.com/#lead=L-7)")
                    .contains("`a1b2c3:RAISED`");
        }
    }

    @Test
    void badSignatureErrcodeIsPermanentAndSendTooFastIsRetriableAfterAMinute() throws Exception {
        try (Receiver robot = new Receiver("{\"errcode\":310000,\"errmsg\":\"sign not match\"}")) {
            DingTalkChannel c = new DingTalkChannel(Specs.robot(ChannelType.DINGTALK, "ding",
                    robot.url("/robot/send?access_token=t"), SECRET, false), f.http);
            assertThatThrownBy(() -> c.send(f.notice, List.of())).isInstanceOfSatisfying(DeliveryException.class, e -> {
                assertThat(e.isRetriable()).isFalse();
                assertThat(e.getMessage()).isEqualTo("ding: errcode 310000 sign not match");
            });
            robot.answerByDefault(200, "{\"errcode\":130101,\"errmsg\":\"send too fast\"}");
            assertThatThrownBy(() -> c.send(f.notice, List.of())).isInstanceOfSatisfying(DeliveryException.class, e -> {
                assertThat(e.isRetriable()).isTrue();
                assertThat(e.retryAfter()).hasSeconds(60);
            });
        }
    }
}
