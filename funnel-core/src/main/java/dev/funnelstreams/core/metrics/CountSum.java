package dev.funnelstreams.core.metrics;

/**
 * The mutable sum of a {@link Count} cell (loss reasons, targets, the snapshot: a loss adds one to a reason's cell in
 * each dimension value and period); adding to the record made a new one per addition.
 */
final class CountSum implements CellSum<Count> {

    private long n;

    CountSum(Count first) {
        n = first.n();
    }

    @Override
    public void add(Count c) {
        n += c.n();
    }

    @Override
    public Count value() {
        return new Count(n);
    }

    @Override
    public boolean isZero() {
        return n == 0;
    }
}
