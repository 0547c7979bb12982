package dev.funnelstreams.core.metrics.view;

import dev.funnelstreams.core.period.Period;

/**
 * Output key of funnel.target-progress: {@code metric} is {@code reached} for a count target and
 * {@code wonValue} (stage = the won stage) for a money target (SPEC section 9).
 */
public record TargetProgressKey(Period period, String stage, String metric) {

    public static final String REACHED = "reached";
    public static final String WON_VALUE = "wonValue";
}
