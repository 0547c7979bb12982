package dev.funnelstreams.alertsink.route;

import dev.funnelstreams.avro.out.Alert;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The parsed routes file: named channels, an owner map, rules by type and tier, and a default.
 * An alert goes to its owner's entry (if the owner is mapped) and to every matching rule; when
 * neither applies (an unmapped owner, CONVERSION_DROP without a rule) it goes to the default.
 */
public record Routes(Map<String, ChannelSpec> channels, Map<String, Route> owners, List<Rule> rules, Route fallback) {

    /** An owner's or the default destination. */
    public record Route(String channel, List<String> to, boolean sendCleared) {

        @Override
        public String toString() {
            return "Route[channel=" + channel + ", recipients=" + to.size() + ", sendCleared=" + sendCleared + "]";
        }
    }

    public List<Target> targets(Alert a) {
        List<Target> out = new ArrayList<>();
        Route own = a.getOwner() == null ? null : owners.get(a.getOwner());
        if (own != null) {
            out.add(target("owner:" + a.getOwner(), own.channel(), own.to(), own.sendCleared()));
        }
        for (Rule r : rules) {
            if (r.matches(a)) {
                out.add(target("rule:" + r.name(), r.channel(), r.to(), r.sendCleared()));
            }
        }
        if (out.isEmpty() && fallback != null) {
            out.add(target("default", fallback.channel(), fallback.to(), fallback.sendCleared()));
        }
        return out;
    }

    private Target target(String id, String channel, List<String> to, boolean sendCleared) {
        ChannelSpec c = channels.get(channel);
        return new Target(id, c, to.isEmpty() ? c.to() : to, sendCleared);
    }
}
