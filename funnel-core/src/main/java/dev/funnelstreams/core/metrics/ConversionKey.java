package dev.funnelstreams.core.metrics;

import dev.funnelstreams.core.period.Period;

/** Cell and output key of funnel.conversions. */
public record ConversionKey(Period period, String dimension, String dimensionValue, String fromStage, String toStage)
        implements CellKey<ConversionCounts> {
}
