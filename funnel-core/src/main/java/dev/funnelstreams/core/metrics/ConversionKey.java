package dev.funnelstreams.core.metrics;

import dev.funnelstreams.core.period.Period;
import java.util.Objects;

/** Cell and output key of funnel.conversions. */
public record ConversionKey(Period period, String dimension, String dimensionValue, String fromStage, String toStage)
        implements CellKey<ConversionCounts> {

    // equals and hashCode written out: the record's generated ones go through method handles
    // (ObjectMethods), about 7 % of the batch report's profile; cell keys are hashed ~150 times a lead

    @Override
    public boolean equals(Object o) {
        return o instanceof ConversionKey k && Objects.equals(period, k.period)
                && Objects.equals(dimension, k.dimension) && Objects.equals(dimensionValue, k.dimensionValue)
                && Objects.equals(fromStage, k.fromStage) && Objects.equals(toStage, k.toStage);
    }

    @Override
    public int hashCode() {
        int h = Objects.hashCode(period);
        h = 31 * h + Objects.hashCode(dimension);
        h = 31 * h + Objects.hashCode(dimensionValue);
        h = 31 * h + Objects.hashCode(fromStage);
        h = 31 * h + Objects.hashCode(toStage);
        return h;
    }
}
