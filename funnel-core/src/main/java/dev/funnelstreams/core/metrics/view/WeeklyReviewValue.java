package dev.funnelstreams.core.metrics.view;

import java.math.BigDecimal;
import java.util.List;

/** Value of funnel.weekly-review (dimension all). */
public record WeeklyReviewValue(long newLeads, long previousWeekLeads, Double weekOverWeek, List<PairChange> pairs,
        Bottleneck bottleneck, List<ReasonCount> topLossReasons, long won, BigDecimal wonValue, Long stalledNow) {

    /** The flow rate of one adjacent pair this week and the week before. */
    public record PairChange(String fromStage, String toStage, Double flowRate, Double previousFlowRate,
            Double changePoints) {
    }

    /** The pair with the lowest flow rate among those with enough sample. */
    public record Bottleneck(String fromStage, String toStage) {
    }

    /** Losses of one reason in the week. */
    public record ReasonCount(String reason, long count) {
    }
}
