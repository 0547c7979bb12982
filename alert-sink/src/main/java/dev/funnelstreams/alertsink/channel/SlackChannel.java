package dev.funnelstreams.alertsink.channel;

import dev.funnelstreams.alertsink.message.Notice;
import dev.funnelstreams.alertsink.route.ChannelSpec;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * A Slack incoming webhook: POST {@code {"text": ...}}; Slack answers 200 {@code ok}, or 4xx with a
 * short error (invalid_payload, no_service, channel_is_archived) and 429 with Retry-After.
 */
final class SlackChannel implements Channel {

    private final ChannelSpec spec;
    private final HttpPost http;

    SlackChannel(ChannelSpec spec, HttpPost http) {
        this.spec = spec;
        this.http = http;
    }

    @Override
    public void send(Notice n, List<String> to) throws DeliveryException {
        http.post(spec.name(), URI.create(spec.url().reveal()), Json.write(Map.of("text", n.text())), Map.of());
    }
}
