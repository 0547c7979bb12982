package dev.funnelstreams.core.metrics;

import dev.funnelstreams.core.period.Period;
import java.util.Objects;

/** Cell and output key of funnel.conversions. */
public record ConversionKey(Period period, String dimension, String dimensionValue, String fromStage, String toStage)
        implements CellKey<ConversionCounts> {

    // equals and hashCode written out (KeyHash says why)

    @Override
    public boolean equals(Object o) {
        return o instanceof ConversionKey k && Objects.equals(period, k.period)
                && Objects.equals(dimension, k.dimension) && Objects.equals(dimensionValue, k.dimensionValue)
                && Objects.equals(fromStage, k.fromStage) && Objects.equals(toStage, k.toStage);
    }

    @Override
    public int hashCode() {
        return KeyHash.of(period, dimension, dimensionValue, fromStage, toStage);
    }

    /** The key without its period: the pair's cells of one dimension value across periods. */
    public record Row(String dimension, String dimensionValue, String fromStage, String toStage)
            implements PeriodRow<ConversionCounts> {

        @Override
        public ConversionKey at(Period period) {
            return new ConversionKey(period, dimension, dimensionValue, fromStage, toStage);
        }

        // equals and hashCode written out (KeyHash says why)

        @Override
        public boolean equals(Object o) {
            return o instanceof Row r && Objects.equals(dimension, r.dimension)
                    && Objects.equals(dimensionValue, r.dimensionValue) && Objects.equals(fromStage, r.fromStage)
                    && Objects.equals(toStage, r.toStage);
        }

        @Override
        public int hashCode() {
            return KeyHash.of(dimension, dimensionValue, fromStage, toStage);
        }
    }
}
