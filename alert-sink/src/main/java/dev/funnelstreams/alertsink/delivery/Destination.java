package dev.funnelstreams.alertsink.delivery;

import dev.funnelstreams.alertsink.route.ChannelSpec;
import dev.funnelstreams.alertsink.route.Target;
import java.util.List;

/**
 * What a rate limit and a digest are kept per: a channel and its recipients (one robot; one
 * mailbox set on an SMTP server). Two owners on the same robot share its limit.
 */
record Destination(ChannelSpec channel, List<String> to) {

    static Destination of(Target t) {
        return new Destination(t.channel(), List.copyOf(t.to().stream().sorted().toList()));
    }

    String name() {
        return channel.name() + (to.isEmpty() ? "" : " (" + to.size() + " recipient(s))");
    }
}
