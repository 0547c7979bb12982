package dev.funnelstreams.core.metrics;

import dev.funnelstreams.core.period.Period;

/**
 * Cell and output key of funnel.loss-reasons. The cell counts losses with this reason;
 * {@code stageLosses} is the {@code lost} count of the matching {@link StageFlowKey} cell.
 */
public record LossReasonKey(Period period, String dimension, String dimensionValue, String stage, String reason)
        implements CellKey<Count> {

    /** The stage-flow cell whose {@code lost} is the denominator of the share. */
    public StageFlowKey stageFlowKey() {
        return new StageFlowKey(period, dimension, dimensionValue, stage);
    }
}
