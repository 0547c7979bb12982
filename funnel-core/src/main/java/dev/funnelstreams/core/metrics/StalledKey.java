package dev.funnelstreams.core.metrics;

/**
 * Cell of the stage snapshot's {@code stalled}: active leads in the stage that are stalled now
 * (dimension values of the lead now). Not a fact of the lead's history but of the clock, so the
 * streaming app contributes to it from its alert timers (see {@link StalledContributions}).
 */
public record StalledKey(String dimension, String dimensionValue, String stage) implements CellKey<Count> {

    /** The snapshot cell this count belongs to. */
    public SnapshotKey snapshotKey() {
        return new SnapshotKey(dimension, dimensionValue, stage);
    }
}
