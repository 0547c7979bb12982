package dev.funnelstreams.core.metrics;

import dev.funnelstreams.core.period.Period;

/**
 * A cell key without its period: the cells of one dimension value (and stage, reason or pair) across periods. A
 * fact adds to its row's cell of each period holding it ({@link CellSink#add(java.util.List, PeriodRow, Counter)}).
 *
 * @param <C> the counter type of the cells
 */
public interface PeriodRow<C extends Counter<C>> {

    /** The row's cell of {@code period}. */
    CellKey<C> at(Period period);
}
