package dev.funnelstreams.core.metrics;

/**
 * Counters of a conversion cell. The flow counts are booked at the reach of each stage with the
 * dimension values then; the cohort counts at the reach of the from stage.
 *
 * @param flowNumerator    reaches of the to stage in the period
 * @param flowDenominator  reaches of the from stage in the period
 * @param cohortSize       leads that reached the from stage in the period
 * @param cohortConverted  of those, the leads that reached the to stage (within the window)
 * @param sumConvertMillis total time from reach(from) to reach(to) of the converted
 */
public record ConversionCounts(long flowNumerator, long flowDenominator, long cohortSize, long cohortConverted,
        long sumConvertMillis) implements Counter<ConversionCounts> {

    public static final ConversionCounts ZERO = new ConversionCounts(0, 0, 0, 0, 0);
    static final ConversionCounts NUMERATOR = new ConversionCounts(1, 0, 0, 0, 0);

    static ConversionCounts cohortMember(boolean converted, long convertMillis) {
        return new ConversionCounts(0, 1, 1, converted ? 1 : 0, converted ? convertMillis : 0);
    }

    @Override
    public ConversionCounts plus(ConversionCounts o) {
        return new ConversionCounts(flowNumerator + o.flowNumerator, flowDenominator + o.flowDenominator,
                cohortSize + o.cohortSize, cohortConverted + o.cohortConverted, sumConvertMillis + o.sumConvertMillis);
    }

    @Override
    public ConversionCounts negate() {
        return new ConversionCounts(-flowNumerator, -flowDenominator, -cohortSize, -cohortConverted, -sumConvertMillis);
    }

    @Override
    public boolean isZero() {
        return flowNumerator == 0 && flowDenominator == 0 && cohortSize == 0 && cohortConverted == 0
                && sumConvertMillis == 0;
    }
}
