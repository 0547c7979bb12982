package dev.funnelstreams.alertsink.channel;

import static dev.funnelstreams.alertsink.channel.ChannelFixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.funnelstreams.alertsink.Receiver;
import dev.funnelstreams.alertsink.route.ChannelType;
import dev.funnelstreams.alertsink.route.Specs;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The generic webhook is signed with the scheme ingest-connector's webhook source checks
 * (hmac-sha256): X-Timestamp in epoch seconds, X-Signature = hex HMAC-SHA256 of "timestamp.body".
 */
class WebhookChannelTest {

    private static final String SECRET = "whsec-test";
    private final ChannelFixture f = new ChannelFixture();

    @Test
    void signsTimestampDotBodyAndCarriesTheDedupKeyInHeaderAndBody() throws Exception {
        try (Receiver hook = new Receiver("")) {
            new WebhookChannel(Specs.robot(ChannelType.WEBHOOK, "crm", hook.url("/hooks/alerts"), SECRET, false), f.http)
                    .send(f.notice, List.of());

            Receiver.Request r = hook.only();
            String ts = r.header("X-Timestamp");
            assertThat(ts).isEqualTo(Long.toString(NOW.getEpochSecond()));
            byte[] signed = (ts + "." + r.body()).getBytes(StandardCharsets.UTF_8);
            String expected = HexFormat.of().formatHex(ChannelFixture.hmacSha256(ChannelFixture.utf8(SECRET), signed));
            assertThat(r.header("X-Signature")).isEqualTo(expected);
            assertThat(r.header("X-Funnel-Dedup-Key")).isEqualTo("a1b2c3:RAISED");

            JsonNode body = ChannelFixture.json(r.body());
            assertThat(body.path("kind").asText()).isEqualTo("alert");
            assertThat(body.path("dedupKey").asText()).isEqualTo("a1b2c3:RAISED");
            assertThat(body.path("link").asText()).isEqualTo("https://funnel.example.com/#lead=L-7");
            JsonNode alert = body.path("alert");
            assertThat(alert.path("alertId").asText()).isEqualTo("a1b2c3");
            assertThat(alert.path("type").asText()).isEqualTo("STALL");
            assertThat(alert.path("owner").asText()).isEqualTo("alice");
            assertThat(alert.path("since").asText()).isEqualTo("2026-03-02T09:00:00Z");
        }
    }
}
