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

    /** The key without its period: the channel's cells across periods. */
    public record Row(String channel) implements PeriodRow<ChannelCounts> {

        @Override
        public ChannelCostKey at(Period period) {
            return new ChannelCostKey(period, channel);
        }

        // equals and hashCode written out (KeyHash says why)

        @Override
        public boolean equals(Object o) {
            return o instanceof Row r && Objects.equals(channel, r.channel);
        }

        @Override
        public int hashCode() {
            return Objects.hashCode(channel);
        }
    }
}
