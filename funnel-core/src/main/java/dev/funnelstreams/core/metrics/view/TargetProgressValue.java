package dev.funnelstreams.core.metrics.view;

import dev.funnelstreams.core.period.Period;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.time.Instant;
import java.time.ZoneId;

/** Value of funnel.target-progress. */
public record TargetProgressValue(long target, long actual, Double ratio, double expectedByNow, TargetStatus status) {

    /**
     * The progress at {@code now}: elapsed fraction clamped to [0, 1]; the status compares
     * {@code actual} with {@code target x fraction} exactly (in milliseconds), not via the double.
     */
    public static TargetProgressValue of(Period period, long target, long actual, ZoneId zone, Instant now) {
        long start = period.start(zone).toEpochMilli();
        long length = period.end(zone).toEpochMilli() - start;
        long elapsed = Math.max(0, Math.min(length, now.toEpochMilli() - start));
        BigInteger expectedTimesLength = BigInteger.valueOf(target).multiply(BigInteger.valueOf(elapsed));
        double expected = new BigDecimal(expectedTimesLength)
                .divide(BigDecimal.valueOf(length), MathContext.DECIMAL128).doubleValue();
        TargetStatus status;
        if (actual >= target) {
            status = TargetStatus.ACHIEVED;
        } else if (BigInteger.valueOf(actual).multiply(BigInteger.valueOf(length)).compareTo(expectedTimesLength) >= 0) {
            status = TargetStatus.ON_TRACK;
        } else {
            status = TargetStatus.BEHIND;
        }
        return new TargetProgressValue(target, actual, Ratios.rate(actual, target), expected, status);
    }
}
