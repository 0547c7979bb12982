package dev.funnelstreams.alertsink.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnelstreams.alertsink.Alerts;
import dev.funnelstreams.alertsink.MutableClock;
import dev.funnelstreams.alertsink.message.AlertNotices;
import dev.funnelstreams.alertsink.message.DashboardLinks;
import dev.funnelstreams.alertsink.message.Notice;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** What the channel tests share: a fixed clock, one notice, and an HMAC computed here, not by the code under test. */
final class ChannelFixture {

    static final Instant NOW = Instant.parse("2026-03-09T09:00:10.123Z");

    final MutableClock clock = new MutableClock(NOW);
    final HttpPost http = new HttpPost(Duration.ofSeconds(5), clock);
    final Notice notice = new AlertNotices(new DashboardLinks("https://funnel.example.com"), "auto")
            .of(Alerts.stall("a1b2c3", "L-7", "alice", "A"));

    static byte[] hmacSha256(byte[] key, byte[] message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(message);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static JsonNode json(String body) throws Exception {
        return new ObjectMapper().readTree(body);
    }
}
