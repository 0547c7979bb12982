package dev.funnelstreams.alertsink.route;

import java.util.List;

/**
 * Where one alert goes: a channel, the recipients on it (e-mail addresses; empty for robots), and
 * whether CLEARED follow-ups go there too. {@code id} names the route the target came from
 * ({@code owner:alice}, {@code rule:a-tier-stalls}, {@code default}); the sent log keys on it, so an
 * alert re-raised for a new owner is new for that owner's target only.
 */
public record Target(String id, ChannelSpec channel, List<String> to, boolean sendCleared) {

    @Override
    public String toString() {
        return "Target[" + id + " -> " + channel.name() + ", recipients=" + to.size() + ", sendCleared=" + sendCleared + "]";
    }
}
