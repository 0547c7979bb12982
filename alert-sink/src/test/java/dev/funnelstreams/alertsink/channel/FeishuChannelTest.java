package dev.funnelstreams.alertsink.channel;

import static dev.funnelstreams.alertsink.channel.ChannelFixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.funnelstreams.alertsink.Receiver;
import dev.funnelstreams.alertsink.route.ChannelType;
import dev.funnelstreams.alertsink.route.Specs;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Feishu / Lark custom bot: timestamp + "\n" + secret is the HMAC key over an empty message; text body. */
class FeishuChannelTest {

    private static final String SECRET = "qV9xFeishuSecret";
    private final ChannelFixture f = new ChannelFixture();

    @Test
    void putsTimestampAndSignInTheBodyAsFeishuVerifiesThem() throws Exception {
        try (Receiver bot = new Receiver("{\"code\":0,\"msg\":\"success\",\"data\":{}}")) {
            new FeishuChannel(Specs.robot(ChannelType.FEISHU, "lark", bot.url("/open-apis/bot/v2/hook/abc-123"),
                    SECRET, false), f.http).send(f.notice, List.of());

            Receiver.Request r = bot.only();
            assertThat(r.uri().getPath()).isEqualTo("/open-apis/bot/v2/hook/abc-123");
            JsonNode body = ChannelFixture.json(r.body());
            assertThat(body.path("timestamp").isTextual()).isTrue();
            assertThat(body.path("timestamp").asText()).isEqualTo(Long.toString(NOW.getEpochSecond()));
            String key = body.path("timestamp").asText() + "\n" + SECRET;
            String expected = Base64.getEncoder().encodeToString(
                    ChannelFixture.hmacSha256(ChannelFixture.utf8(key), new byte[0]));
            assertThat(body.path("sign").asText()).isEqualTo(expected);
            assertThat(body.path("msg_type").asText()).isEqualTo("text");
            assertThat(body.path("content").path("text").asText()).contains("Lead L-7").contains("a1b2c3:RAISED");
        }
    }

    @Test
    void acceptsTheOlderStatusCodeReplyToo() throws Exception {
        try (Receiver bot = new Receiver("{\"Extra\":null,\"StatusCode\":0,\"StatusMessage\":\"success\"}")) {
            new FeishuChannel(Specs.robot(ChannelType.FEISHU, "lark", bot.url("/hook/x"), SECRET, false), f.http)
                    .send(f.notice, List.of());
            assertThat(bot.requests()).hasSize(1);
        }
    }

    @Test
    void withoutSecretTheBodyHasNoSignatureAndAnErrorCodeIsPermanent() throws Exception {
        try (Receiver bot = new Receiver("{\"code\":19021,\"msg\":\"sign match fail or timestamp is not within one hour\"}")) {
            FeishuChannel c = new FeishuChannel(Specs.robot(ChannelType.FEISHU, "lark", bot.url("/hook/x"), "", false), f.http);
            assertThatThrownBy(() -> c.send(f.notice, List.of())).isInstanceOfSatisfying(DeliveryException.class,
                    e -> assertThat(e.isRetriable()).isFalse());
            JsonNode body = ChannelFixture.json(bot.only().body());
            assertThat(body.has("sign")).isFalse();
            assertThat(body.has("timestamp")).isFalse();
        }
    }
}
