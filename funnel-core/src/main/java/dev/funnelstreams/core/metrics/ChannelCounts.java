package dev.funnelstreams.core.metrics;

import java.math.BigDecimal;

/**
 * Counters of a channel-costs cell: lead counts (cohort and flow basis) and the spend. Leads and
 * spend contribute to the same cell, each leaving the other's fields zero.
 *
 * @param leads                 leads whose funnel entry falls in the period
 * @param opportunities         of those, leads that ever reached the opportunity stage
 * @param won                   of those, leads that ever won
 * @param wonValue              of those, their won value
 * @param opportunitiesInPeriod reaches of the opportunity stage in the period
 * @param wonInPeriod           wins in the period
 * @param wonValueInPeriod      value of the wins in the period
 * @param spend                 spend of the winning versions with a date in the period
 * @param spendEntries          number of (campaign, date) spend keys behind {@code spend}
 */
public record ChannelCounts(long leads, long opportunities, long won, BigDecimal wonValue, long opportunitiesInPeriod,
        long wonInPeriod, BigDecimal wonValueInPeriod, BigDecimal spend, long spendEntries)
        implements Counter<ChannelCounts> {

    public static final ChannelCounts ZERO =
            new ChannelCounts(0, 0, 0, Amounts.ZERO, 0, 0, Amounts.ZERO, Amounts.ZERO, 0);

    static ChannelCounts cohortLead(boolean opportunity, boolean won, BigDecimal wonValue) {
        return new ChannelCounts(1, opportunity ? 1 : 0, won ? 1 : 0, wonValue, 0, 0, Amounts.ZERO, Amounts.ZERO, 0);
    }

    static ChannelCounts opportunityInPeriod() {
        return new ChannelCounts(0, 0, 0, Amounts.ZERO, 1, 0, Amounts.ZERO, Amounts.ZERO, 0);
    }

    static ChannelCounts winInPeriod(BigDecimal value) {
        return new ChannelCounts(0, 0, 0, Amounts.ZERO, 0, 1, value, Amounts.ZERO, 0);
    }

    static ChannelCounts spendOf(BigDecimal amount) {
        return new ChannelCounts(0, 0, 0, Amounts.ZERO, 0, 0, Amounts.ZERO, amount, 1);
    }

    @Override
    public ChannelCounts plus(ChannelCounts o) {
        return new ChannelCounts(leads + o.leads, opportunities + o.opportunities, won + o.won,
                wonValue.add(o.wonValue), opportunitiesInPeriod + o.opportunitiesInPeriod, wonInPeriod + o.wonInPeriod,
                wonValueInPeriod.add(o.wonValueInPeriod), spend.add(o.spend), spendEntries + o.spendEntries);
    }

    @Override
    public ChannelCounts negate() {
        return new ChannelCounts(-leads, -opportunities, -won, wonValue.negate(), -opportunitiesInPeriod, -wonInPeriod,
                wonValueInPeriod.negate(), spend.negate(), -spendEntries);
    }

    @Override
    public boolean isZero() {
        return leads == 0 && opportunities == 0 && won == 0 && wonValue.signum() == 0 && opportunitiesInPeriod == 0
                && wonInPeriod == 0 && wonValueInPeriod.signum() == 0 && spend.signum() == 0 && spendEntries == 0;
    }
}
