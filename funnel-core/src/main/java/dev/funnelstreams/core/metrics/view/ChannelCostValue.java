package dev.funnelstreams.core.metrics.view;

import dev.funnelstreams.core.metrics.ChannelCounts;
import java.math.BigDecimal;

/** Value of funnel.channel-costs. */
public record ChannelCostValue(BigDecimal spend, long leads, long opportunities, long won, BigDecimal wonValue,
        long opportunitiesInPeriod, long wonInPeriod, BigDecimal wonValueInPeriod, BigDecimal costPerLead,
        BigDecimal costPerOpportunity, BigDecimal costPerWon, Double leadToOpportunityRate, Double roi) {

    public static ChannelCostValue of(ChannelCounts c) {
        return new ChannelCostValue(c.spend(), c.leads(), c.opportunities(), c.won(), c.wonValue(),
                c.opportunitiesInPeriod(), c.wonInPeriod(), c.wonValueInPeriod(),
                Ratios.moneyPer(c.spend(), c.leads()), Ratios.moneyPer(c.spend(), c.opportunities()),
                Ratios.moneyPer(c.spend(), c.won()), Ratios.rate(c.opportunities(), c.leads()),
                Ratios.rate(c.wonValue().subtract(c.spend()), c.spend()));
    }
}
