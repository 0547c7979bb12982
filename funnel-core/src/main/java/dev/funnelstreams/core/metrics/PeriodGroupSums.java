package dev.funnelstreams.core.metrics;

import dev.funnelstreams.core.period.Period;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The batch report's sum of its leads' contributions. A row's counters ({@link PeriodRow}: a stage of one dimension
 * value, say) are summed once per group of periods, the periods holding an instant (its week, month, quarter and
 * year: the same group for the days of a week inside one month), and added to each period's cell at the end
 * ({@link #drainTo}). A fact adds to its row in each dimension value; summed per period that was one addition per
 * period (four in the example funnel), here it is one. Cells without a row are summed as they come.
 *
 * <p>The streaming app's delta buffer sums its events' {@link CellChanges} the same way between two flushes.
 *
 * <p>One thread: each replay worker and each delta buffer keeps its own.
 */
public final class PeriodGroupSums implements CellSink {

    /** By group of periods (equal lists: the periods of any instant in the group): each row's sum. */
    private final Map<List<Period>, Map<PeriodRow<?>, CellSum<?>>> groups = new HashMap<>();
    private final CellTotals others = new CellTotals();
    /** The group added to last, and the list it was asked by: a lead's facts come in runs on one day. */
    private List<Period> lastPeriods;
    private Map<PeriodRow<?>, CellSum<?>> lastGroup;
    private int rows;

    @Override
    public <C extends Counter<C>> void add(CellKey<C> key, C counter) {
        others.add(key, counter);
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <C extends Counter<C>> void add(List<Period> periods, PeriodRow<C> row, C counter) {
        if (counter.isZero()) {
            return;
        }
        Map<PeriodRow<?>, CellSum<?>> group = lastGroup;
        if (periods != lastPeriods) {
            group = groups.computeIfAbsent(periods, p -> new HashMap<>());
            lastPeriods = periods;
            lastGroup = group;
        }
        CellSum sum = group.get(row);
        if (sum == null) {
            group.put(row, CellSum.of(counter));
            rows++;
        } else {
            sum.add(counter);
        }
    }

    /** The sums held: one per row and group of periods, and one per cell without a row. */
    public int size() {
        return rows + others.size();
    }

    /** Adds every sum to {@code totals} (a row's sum to its cell of each period of the group) and empties this. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void drainTo(CellTotals totals) {
        groups.forEach((periods, sums) -> sums.forEach(
                (row, sum) -> totals.add(periods, (PeriodRow) row, (Counter) sum.value())));
        totals.add(others.release());
        groups.clear();
        lastPeriods = null;
        lastGroup = null;
        rows = 0;
    }
}
