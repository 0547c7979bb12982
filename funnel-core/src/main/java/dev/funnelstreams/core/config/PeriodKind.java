package dev.funnelstreams.core.config;

/** The calendar period kinds metrics are computed for: ISO week, calendar month, quarter. */
public enum PeriodKind {
    WEEK,
    MONTH,
    QUARTER
}
