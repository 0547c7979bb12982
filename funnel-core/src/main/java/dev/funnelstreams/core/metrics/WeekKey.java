package dev.funnelstreams.core.metrics;

import dev.funnelstreams.core.period.Period;
import java.util.Objects;

/**
 * Cell and output key of funnel.weekly-review, and the input of CONVERSION_DROP (dimension all,
 * always computed, whether or not WEEK is in {@code periods}).
 */
public record WeekKey(Period week) implements CellKey<WeekCounts> {

    // equals and hashCode written out (KeyHash says why)

    @Override
    public boolean equals(Object o) {
        return o instanceof WeekKey k && Objects.equals(week, k.week);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(week);
    }
}
