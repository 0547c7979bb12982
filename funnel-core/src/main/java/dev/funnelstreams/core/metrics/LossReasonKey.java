package dev.funnelstreams.core.metrics;

import dev.funnelstreams.core.period.Period;
import java.util.Objects;

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

    // equals and hashCode written out (KeyHash says why)

    @Override
    public boolean equals(Object o) {
        return o instanceof LossReasonKey k && Objects.equals(period, k.period)
                && Objects.equals(dimension, k.dimension) && Objects.equals(dimensionValue, k.dimensionValue)
                && Objects.equals(stage, k.stage) && Objects.equals(reason, k.reason);
    }

    @Override
    public int hashCode() {
        return KeyHash.of(period, dimension, dimensionValue, stage, reason);
    }

    /** The key without its period: the reason's cells of one stage and dimension value across periods. */
    public record Row(String dimension, String dimensionValue, String stage, String reason)
            implements PeriodRow<Count> {

        @Override
        public LossReasonKey at(Period period) {
            return new LossReasonKey(period, dimension, dimensionValue, stage, reason);
        }

        // equals and hashCode written out (KeyHash says why)

        @Override
        public boolean equals(Object o) {
            return o instanceof Row r && Objects.equals(dimension, r.dimension)
                    && Objects.equals(dimensionValue, r.dimensionValue) && Objects.equals(stage, r.stage)
                    && Objects.equals(reason, r.reason);
        }

        @Override
        public int hashCode() {
            return KeyHash.of(dimension, dimensionValue, stage, reason);
        }
    }
}
