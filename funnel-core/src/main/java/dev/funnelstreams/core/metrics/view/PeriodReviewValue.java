package dev.funnelstreams.core.metrics.view;

import dev.funnelstreams.core.metrics.view.WeeklyReviewValue.Bottleneck;
import dev.funnelstreams.core.metrics.view.WeeklyReviewValue.PairChange;
import dev.funnelstreams.core.metrics.view.WeeklyReviewValue.ReasonCount;
import java.math.BigDecimal;
import java.util.List;

/**
 * Value of funnel.period-review (SPEC section 9): the weekly review's fields for a month, quarter or
 * year (without stalledNow), plus the losses and top reason per stage before the won stage.
 */
public record PeriodReviewValue(long newLeads, long previousPeriodLeads, Double periodOverPeriod, List<PairChange> pairs,
        Bottleneck bottleneck, List<ReasonCount> topLossReasons, long won, BigDecimal wonValue,
        List<StageLosses> lossesByStage) {

    /** Losses at one stage in the period; topReason: most losses, ties by reason code ascending; null when none. */
    public record StageLosses(String stage, long lost, String topReason) {
    }
}
