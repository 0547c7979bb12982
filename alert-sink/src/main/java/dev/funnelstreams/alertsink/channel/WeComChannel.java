package dev.funnelstreams.alertsink.channel;

import dev.funnelstreams.alertsink.message.Notice;
import dev.funnelstreams.alertsink.route.ChannelSpec;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A WeCom (企业微信) group robot: POST to {@code .../cgi-bin/webhook/send?key=...} with msgtype text
 * ({@code text.content}) or markdown ({@code markdown.content}). The key in the URL is the only credential.
 */
final class WeComChannel implements Channel {

    /** 45009: API frequency limit (20 messages a minute per robot). */
    private static final Set<Integer> TOO_FAST = Set.of(45009);

    private final ChannelSpec spec;
    private final HttpPost http;

    WeComChannel(ChannelSpec spec, HttpPost http) {
        this.spec = spec;
        this.http = http;
    }

    @Override
    public void send(Notice n, List<String> to) throws DeliveryException {
        Map<String, Object> body = spec.markdown()
                ? Map.of("msgtype", "markdown", "markdown", Map.of("content", n.markdown()))
                : Map.of("msgtype", "text", "text", Map.of("content", n.text()));
        HttpPost.Reply reply = http.post(spec.name(), URI.create(spec.url().reveal()), Json.write(body), Map.of());
        RobotReply.check(spec.name(), reply, "errcode", "errmsg", TOO_FAST);
    }
}
