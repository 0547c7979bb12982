package dev.funnelstreams.core.metrics;

import dev.funnelstreams.core.period.Period;

/**
 * Cell and output key of funnel.weekly-review, and the input of CONVERSION_DROP (dimension all,
 * always computed, whether or not WEEK is in {@code periods}).
 */
public record WeekKey(Period week) implements CellKey<WeekCounts> {
}
