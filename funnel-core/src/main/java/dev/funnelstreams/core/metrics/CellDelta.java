package dev.funnelstreams.core.metrics;

/**
 * A change of metric cells, as one event (or timer, or spend) makes it: summed per cell ({@link Contributions}) or as
 * the additions the contribution rules made ({@link CellChanges}), which a sum takes row by row.
 */
public interface CellDelta {

    /** Adds the change to {@code sink}. */
    void addTo(CellSink sink);

    /** True when the change holds no addition (a change whose additions cancel out is not empty). */
    boolean isEmpty();

    /** The additions {@link #addTo} makes: a cell each, or a row for the periods of an instant each. */
    int size();

    /** The change summed per cell, zero cells left out. */
    Contributions contributions();
}
