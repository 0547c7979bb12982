package dev.funnelstreams.core.metrics;

import dev.funnelstreams.core.period.Period;
import java.util.Objects;

/** Cell and output key of funnel.stage-flow. */
public record StageFlowKey(Period period, String dimension, String dimensionValue, String stage)
        implements CellKey<StageFlowCounts> {

    // equals and hashCode written out (KeyHash says why)

    @Override
    public boolean equals(Object o) {
        return o instanceof StageFlowKey k && Objects.equals(period, k.period)
                && Objects.equals(dimension, k.dimension) && Objects.equals(dimensionValue, k.dimensionValue)
                && Objects.equals(stage, k.stage);
    }

    @Override
    public int hashCode() {
        return KeyHash.of(period, dimension, dimensionValue, stage);
    }

    /** The key without its period: the stage's cells of one dimension value across periods. */
    public record Row(String dimension, String dimensionValue, String stage) implements PeriodRow<StageFlowCounts> {

        @Override
        public StageFlowKey at(Period period) {
            return new StageFlowKey(period, dimension, dimensionValue, stage);
        }

        // equals and hashCode written out (KeyHash says why)

        @Override
        public boolean equals(Object o) {
            return o instanceof Row r && Objects.equals(dimension, r.dimension)
                    && Objects.equals(dimensionValue, r.dimensionValue) && Objects.equals(stage, r.stage);
        }

        @Override
        public int hashCode() {
            return KeyHash.of(dimension, dimensionValue, stage);
        }
    }
}
