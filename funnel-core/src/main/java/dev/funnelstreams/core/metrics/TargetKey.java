package dev.funnelstreams.core.metrics;

import dev.funnelstreams.core.period.Period;
import java.util.Objects;

/**
 * Cell and output key of funnel.target-progress: reaches of the stage in a target period
 * (dimension all). Kept apart from stage-flow because a target period may be of a kind that is
 * not in {@code periods}.
 */
public record TargetKey(Period period, String stage) implements CellKey<Count> {

    // equals and hashCode written out (KeyHash says why)

    @Override
    public boolean equals(Object o) {
        return o instanceof TargetKey k && Objects.equals(period, k.period) && Objects.equals(stage, k.stage);
    }

    @Override
    public int hashCode() {
        return KeyHash.of(period, stage);
    }
}
