package dev.funnelstreams.core.metrics;

/**
 * The running sum of one cell inside {@link CellTotals}. The batch report adds about 150 counters a
 * lead into a few hundred thousand cells; summing the immutable counters made a new record (and, for
 * the review counters, new sorted maps) per addition, so the frequent cells and those whose counters are
 * costly to add keep a mutable sum instead; the others (amounts, channel and pipeline cells) just replace their
 * counter.
 *
 * @param <C> the counter type of the cell
 */
interface CellSum<C extends Counter<C>> {

    /** Adds {@code counter} to the sum. */
    void add(C counter);

    /** The sum as an immutable counter (a snapshot: later additions do not change it). */
    C value();

    /** True when every count of the sum is zero (the cell is then removed). */
    boolean isZero();

    /** A sum that starts at {@code first}. */
    @SuppressWarnings("unchecked")
    static <C extends Counter<C>> CellSum<C> of(C first) {
        CellSum<?> sum;
        if (first instanceof StageFlowCounts c) {
            sum = new StageFlowSum(c);
        } else if (first instanceof ConversionCounts c) {
            sum = new ConversionSum(c);
        } else if (first instanceof SalesKpiCounts c) {
            sum = new SalesKpiSum(c);
        } else if (first instanceof ReviewCounts c) {
            sum = new ReviewSum(c);
        } else if (first instanceof WeekCounts c) {
            sum = new WeekSum(c);
        } else if (first instanceof Count c) {
            sum = new CountSum(c);
        } else {
            sum = new Replaced<>(first);
        }
        return (CellSum<C>) sum;
    }

    /** The plain sum: each addition replaces the counter by {@code counter.plus(added)}. */
    final class Replaced<C extends Counter<C>> implements CellSum<C> {

        private C value;

        Replaced(C first) {
            this.value = first;
        }

        @Override
        public void add(C counter) {
            value = value.plus(counter);
        }

        @Override
        public C value() {
            return value;
        }

        @Override
        public boolean isZero() {
            return value.isZero();
        }
    }
}
