package dev.funnelstreams.core.metrics;

/**
 * Cell and output key of funnel.stage-snapshot: the cell counts the active leads now in the stage
 * (dimension values of the lead now). {@code stalled} depends on the clock and is not a cell.
 */
public record SnapshotKey(String dimension, String dimensionValue, String stage) implements CellKey<Count> {
}
