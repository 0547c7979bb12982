package dev.funnelstreams.core.metrics;

/** The mutable sum of a conversion cell's {@link ConversionCounts}: no record per addition. */
final class ConversionSum implements CellSum<ConversionCounts> {

    private long flowNumerator;
    private long flowDenominator;
    private long cohortSize;
    private long cohortConverted;
    private long sumConvertMillis;

    ConversionSum(ConversionCounts first) {
        add(first);
    }

    @Override
    public void add(ConversionCounts c) {
        flowNumerator += c.flowNumerator();
        flowDenominator += c.flowDenominator();
        cohortSize += c.cohortSize();
        cohortConverted += c.cohortConverted();
        sumConvertMillis += c.sumConvertMillis();
    }

    @Override
    public ConversionCounts value() {
        return new ConversionCounts(flowNumerator, flowDenominator, cohortSize, cohortConverted, sumConvertMillis);
    }

    @Override
    public boolean isZero() {
        return flowNumerator == 0 && flowDenominator == 0 && cohortSize == 0 && cohortConverted == 0
                && sumConvertMillis == 0;
    }
}
