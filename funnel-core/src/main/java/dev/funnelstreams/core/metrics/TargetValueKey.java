package dev.funnelstreams.core.metrics;

import dev.funnelstreams.core.period.Period;

/**
 * Cell of a {@code wonValue} money target (SPEC section 9): the won values of the wins in the
 * target period, dimension all.
 */
public record TargetValueKey(Period period) implements CellKey<Amount> {
}
