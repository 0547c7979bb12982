package dev.funnelstreams.core.metrics.view;

import dev.funnelstreams.core.metrics.StageFlowCounts;

/** Value of funnel.stage-flow. */
public record StageFlowValue(long reached, long entered, long lost, long exited, Double meanDaysInStage) {

    public static StageFlowValue of(StageFlowCounts c) {
        return new StageFlowValue(c.reached(), c.entered(), c.lost(), c.exited(),
                Ratios.meanDays(c.sumStayMillis(), c.exited()));
    }
}
