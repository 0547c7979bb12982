package dev.funnelstreams.alertsink.channel;

import dev.funnelstreams.alertsink.message.Notice;
import dev.funnelstreams.alertsink.route.ChannelSpec;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A DingTalk custom robot: POST to its webhook ({@code .../robot/send?access_token=...}) with msgtype
 * text or markdown. In signed-secret mode ("加签") the URL also carries {@code timestamp} (epoch ms) and
 * {@code sign} = urlEncode(base64(HMAC-SHA256(key = secret, message = timestamp + "\n" + secret))).
 */
final class DingTalkChannel implements Channel {

    /** 130101: "send too fast" (the robot accepts 20 messages a minute). */
    private static final Set<Integer> TOO_FAST = Set.of(130101, 130102);

    private final ChannelSpec spec;
    private final HttpPost http;

    DingTalkChannel(ChannelSpec spec, HttpPost http) {
        this.spec = spec;
        this.http = http;
    }

    @Override
    public void send(Notice n, List<String> to) throws DeliveryException {
        Map<String, Object> body = spec.markdown()
                ? Map.of("msgtype", "markdown", "markdown", Map.of("title", n.title(), "text", n.markdown()))
                : Map.of("msgtype", "text", "text", Map.of("content", n.text()));
        String url = spec.url().reveal();
        if (!spec.secret().isEmpty()) {
            long ts = http.clock().millis();
            url += (url.contains("?") ? "&" : "?") + "timestamp=" + ts + "&sign=" + sign(ts, spec.secret().reveal());
        }
        HttpPost.Reply reply = http.post(spec.name(), URI.create(url), Json.write(body), Map.of());
        RobotReply.check(spec.name(), reply, "errcode", "errmsg", TOO_FAST);
    }

    static String sign(long timestampMs, String secret) {
        byte[] mac = Hmac.sha256(secret, timestampMs + "\n" + secret);
        return URLEncoder.encode(Base64.getEncoder().encodeToString(mac), StandardCharsets.UTF_8);
    }
}
