package dev.funnelstreams.alertsink.channel;

import dev.funnelstreams.alertsink.message.Notice;
import dev.funnelstreams.alertsink.route.ChannelSpec;
import java.net.URI;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A generic JSON webhook, signed like the pushes the project's own webhook source accepts
 * (ingest-connector's SignatureCheck, scheme hmac-sha256): header {@code X-Timestamp} = epoch seconds,
 * {@code X-Signature} = hex(HMAC-SHA256(secret, timestamp + "." + body)). {@code X-Funnel-Dedup-Key}
 * carries {@code alertId:status}, which is also in the body.
 */
final class WebhookChannel implements Channel {

    public static final String TIMESTAMP_HEADER = "X-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Signature";
    public static final String DEDUP_HEADER = "X-Funnel-Dedup-Key";

    private final ChannelSpec spec;
    private final HttpPost http;

    WebhookChannel(ChannelSpec spec, HttpPost http) {
        this.spec = spec;
        this.http = http;
    }

    @Override
    public void send(Notice n, List<String> to) throws DeliveryException {
        String body = Json.write(n.data());
        String ts = Long.toString(http.clock().millis() / 1000);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(TIMESTAMP_HEADER, ts);
        headers.put(SIGNATURE_HEADER, sign(spec.secret().reveal(), ts, body));
        if (n.dedupKey() != null) {
            headers.put(DEDUP_HEADER, n.dedupKey());
        }
        http.post(spec.name(), URI.create(spec.url().reveal()), body, headers);
    }

    static String sign(String secret, String timestamp, String body) {
        return HexFormat.of().formatHex(Hmac.sha256(secret, timestamp + "." + body));
    }
}
