package dev.funnelstreams.core.metrics;

import dev.funnelstreams.core.period.Period;

/** Cell and output key of funnel.channel-costs: lead counts and spend of one channel in one period. */
public record ChannelCostKey(Period period, String channel) implements CellKey<ChannelCounts> {
}
