package dev.funnelstreams.alertsink.route;

import dev.funnelstreams.avro.out.Alert;
import java.util.List;
import java.util.Set;

/**
 * A route by alert type and tier: matches when the alert's type is in {@code types} (empty: any)
 * and its tier is in {@code tiers} (empty: any; an alert without tier matches only an empty list).
 */
public record Rule(String name, Set<String> types, Set<String> tiers, String channel, List<String> to,
                   boolean sendCleared) {

    @Override
    public String toString() {
        return "Rule[name=" + name + ", types=" + types + ", tiers=" + tiers + ", channel=" + channel
                + ", recipients=" + to.size() + ", sendCleared=" + sendCleared + "]";
    }

    boolean matches(Alert a) {
        return (types.isEmpty() || types.contains(a.getType().name()))
                && (tiers.isEmpty() || (a.getTier() != null && tiers.contains(a.getTier())));
    }
}
