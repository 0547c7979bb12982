package dev.funnelstreams.core.metrics;

import java.util.Objects;

/**
 * Cell and output key of funnel.stage-snapshot: the cell counts the active leads now in the stage
 * (dimension values of the lead now). {@code stalled} depends on the clock and is not a cell.
 */
public record SnapshotKey(String dimension, String dimensionValue, String stage) implements CellKey<Count> {

    // equals and hashCode written out: the record's generated ones go through method handles
    // (ObjectMethods), about 7 % of the batch report's profile; cell keys are hashed ~150 times a lead

    @Override
    public boolean equals(Object o) {
        return o instanceof SnapshotKey k && Objects.equals(dimension, k.dimension)
                && Objects.equals(dimensionValue, k.dimensionValue) && Objects.equals(stage, k.stage);
    }

    @Override
    public int hashCode() {
        int h = Objects.hashCode(dimension);
        h = 31 * h + Objects.hashCode(dimensionValue);
        h = 31 * h + Objects.hashCode(stage);
        return h;
    }
}
