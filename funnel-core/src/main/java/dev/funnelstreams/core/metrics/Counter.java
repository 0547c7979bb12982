package dev.funnelstreams.core.metrics;

/**
 * Additive counters of one metric cell. Summing the counters of every lead gives the cell; a
 * delta is a counter too (possibly negative), so a store that sums deltas ends where a full
 * recomputation would, whatever the order of arrival.
 */
public interface Counter<C extends Counter<C>> {

    C plus(C other);

    C negate();

    /** True when every count is zero: the cell holds nothing and its record may be absent. */
    boolean isZero();
}
