package dev.funnelstreams.core.config;

/**
 * The calendar period kinds metrics are computed for: ISO week, calendar month, quarter, and (when the config
 * lists it; not a default) the calendar year.
 */
public enum PeriodKind {
    WEEK,
    MONTH,
    QUARTER,
    YEAR
}
