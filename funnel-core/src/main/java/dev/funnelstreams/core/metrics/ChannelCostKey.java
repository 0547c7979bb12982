package dev.funnelstreams.core.metrics;

import dev.funnelstreams.core.period.Period;
import java.util.Objects;

/** Cell and output key of funnel.channel-costs: lead counts and spend of one channel in one period. */
public record ChannelCostKey(Period period, String channel) implements CellKey<ChannelCounts> {

    // equals and hashCode written out (KeyHash says why)

    @Override
    public boolean equals(Object o) {
        return o instanceof ChannelCostKey k && Objects.equals(period, k.period) && Objects.equals(channel, k.channel);
    }

    @Override
    public int hashCode() {
        return KeyHash.of(period, channel);
    }
}
