package dev.funnelstreams.core.metrics;

import dev.funnelstreams.core.period.Period;

/** Cell and output key of funnel.stage-flow. */
public record StageFlowKey(Period period, String dimension, String dimensionValue, String stage)
        implements CellKey<StageFlowCounts> {
}
