package dev.funnelstreams.core.metrics;

import dev.funnelstreams.core.period.Period;
import java.util.Objects;

/**
 * Cell and output key of funnel.period-review (SPEC section 9): one MONTH, QUARTER or YEAR period,
 * dimension all. The weeks keep their own cells ({@link WeekKey}), which CONVERSION_DROP reads too.
 */
public record ReviewKey(Period period) implements CellKey<ReviewCounts> {

    // equals and hashCode written out (KeyHash says why)

    @Override
    public boolean equals(Object o) {
        return o instanceof ReviewKey k && Objects.equals(period, k.period);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(period);
    }
}
