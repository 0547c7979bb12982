package dev.funnelstreams.core.metrics.view;

import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.metrics.ConversionCounts;
import dev.funnelstreams.core.metrics.ConversionKey;
import java.time.Instant;

/** Value of funnel.conversions. */
public record ConversionValue(long flowNumerator, long flowDenominator, Double flowRate, long cohortSize,
        long cohortConverted, Double cohortRate, Double meanDaysToConvert, boolean mature) {

    public static ConversionValue of(ConversionKey key, ConversionCounts c, FunnelConfig config, Instant now) {
        Instant end = key.period().end(config.timezone());
        Instant matureAt = config.conversionWindow().map(end::plus).orElse(end);
        return new ConversionValue(c.flowNumerator(), c.flowDenominator(),
                Ratios.rate(c.flowNumerator(), c.flowDenominator()), c.cohortSize(), c.cohortConverted(),
                Ratios.rate(c.cohortConverted(), c.cohortSize()),
                Ratios.meanDays(c.sumConvertMillis(), c.cohortConverted()), !matureAt.isAfter(now));
    }
}
