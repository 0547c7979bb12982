package dev.funnelstreams.core.metrics;

import dev.funnelstreams.core.period.Period;
import java.util.List;

/**
 * Where {@link ContributionRules} adds a lead's counters or an event's delta: a {@link CellTotals} (per cell), a
 * {@link PeriodGroupSums} (the batch report's workers and the delta buffer: a row once per group of periods, not once
 * per period) or a {@link CellChanges} (the additions kept as they come).
 */
public interface CellSink {

    /** Adds one counter to its cell. */
    <C extends Counter<C>> void add(CellKey<C> key, C counter);

    /** Adds {@code counter} to the row's cell of each of {@code periods} (the periods holding one instant). */
    default <C extends Counter<C>> void add(List<Period> periods, PeriodRow<C> row, C counter) {
        for (Period p : periods) {
            add(row.at(p), counter);
        }
    }
}
