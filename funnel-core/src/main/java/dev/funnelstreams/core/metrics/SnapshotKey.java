package dev.funnelstreams.core.metrics;

import java.util.Objects;

/**
 * Cell and output key of funnel.stage-snapshot: the cell counts the active leads now in the stage
 * (dimension values of the lead now). {@code stalled} depends on the clock and is not a cell.
 */
public record SnapshotKey(String dimension, String dimensionValue, String stage) implements CellKey<Count> {

    // equals and hashCode written out (KeyHash says why)

    @Override
    public boolean equals(Object o) {
        return o instanceof SnapshotKey k && Objects.equals(dimension, k.dimension)
                && Objects.equals(dimensionValue, k.dimensionValue) && Objects.equals(stage, k.stage);
    }

    @Override
    public int hashCode() {
        return KeyHash.of(dimension, dimensionValue, stage);
    }
}
