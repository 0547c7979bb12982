package dev.funnelstreams.alertsink.channel;

import dev.funnelstreams.alertsink.route.ChannelSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Builds the channel for a spec, once per spec: a reloaded routes file with a changed spec gets a new one. */
public final class Channels {

    private final HttpPost http;
    private final Duration timeout;
    private final Map<ChannelSpec, Channel> built = new HashMap<>();

    public Channels(Duration timeout, Clock clock) {
        this.http = new HttpPost(timeout, clock);
        this.timeout = timeout;
    }

    public Channel of(ChannelSpec spec) {
        return built.computeIfAbsent(spec, this::create);
    }

    private Channel create(ChannelSpec spec) {
        return switch (spec.type()) {
            case DINGTALK -> new DingTalkChannel(spec, http);
            case FEISHU -> new FeishuChannel(spec, http);
            case WECOM -> new WeComChannel(spec, http);
            case SLACK -> new SlackChannel(spec, http);
            case WEBHOOK -> new WebhookChannel(spec, http);
            case EMAIL -> new EmailChannel(spec, timeout);
        };
    }
}
