package dev.funnelstreams.core.config;

/**
 * The calendar period kinds metrics are computed for: ISO week, calendar month, quarter, and (when the config
 * lists it; not a default) the calendar year.
 */
public enum PeriodKind {
    WEEK,
    MONTH,
    QUARTER,
    YEAR;

    /** Whether funnel.period-review covers this kind (SPEC section 9: months, quarters, years; weeks have their own). */
    public boolean hasPeriodReview() {
        return this != WEEK;
    }
}
