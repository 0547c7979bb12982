package dev.funnelstreams.alertsink.channel;

import dev.funnelstreams.alertsink.message.Notice;
import dev.funnelstreams.alertsink.route.ChannelSpec;
import java.net.URI;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Feishu / Lark custom bot: POST {@code {"msg_type":"text","content":{"text":...}}} to its hook URL.
 * With signature verification on, the body also carries {@code timestamp} (epoch seconds, as text)
 * and {@code sign} = base64(HMAC-SHA256(key = timestamp + "\n" + secret, message = empty)).
 */
final class FeishuChannel implements Channel {

    /** 9499 / 11232: too many requests (the bot accepts about 100 a minute and 5 a second). */
    private static final Set<Integer> TOO_FAST = Set.of(9499, 11232);

    private final ChannelSpec spec;
    private final HttpPost http;

    FeishuChannel(ChannelSpec spec, HttpPost http) {
        this.spec = spec;
        this.http = http;
    }

    @Override
    public void send(Notice n, List<String> to) throws DeliveryException {
        Map<String, Object> body = new LinkedHashMap<>();
        if (!spec.secret().isEmpty()) {
            long ts = http.clock().millis() / 1000;
            body.put("timestamp", Long.toString(ts));
            body.put("sign", sign(ts, spec.secret().reveal()));
        }
        body.put("msg_type", "text");
        body.put("content", Map.of("text", n.text()));
        HttpPost.Reply reply = http.post(spec.name(), URI.create(spec.url().reveal()), Json.write(body), Map.of());
        RobotReply.check(spec.name(), reply, "code", "msg", TOO_FAST);
    }

    static String sign(long timestampSeconds, String secret) {
        return Base64.getEncoder().encodeToString(Hmac.sha256(timestampSeconds + "\n" + secret, ""));
    }
}
