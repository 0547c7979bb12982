package dev.funnelstreams.core.metrics.view;

import dev.funnelstreams.core.period.Period;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneId;

/**
 * Value of funnel.target-progress: a count target (metric {@code reached}) sets the count fields, a
 * money target (metric {@code wonValue}, SPEC section 9) the money fields; the other pair is null.
 */
public record TargetProgressValue(Long target, Long actual, Double ratio, Double expectedByNow, TargetStatus status,
        BigDecimal targetValue, BigDecimal actualValue, BigDecimal expectedValueByNow) {

    /** A count target's progress. */
    public TargetProgressValue(long target, long actual, Double ratio, double expectedByNow, TargetStatus status) {
        this(target, actual, ratio, expectedByNow, status, null, null, null);
    }

    /**
     * A count target's progress at {@code now}: elapsed fraction clamped to [0, 1]; the status compares
     * {@code actual} with {@code target x fraction} exactly (in milliseconds), not via the double.
     */
    public static TargetProgressValue of(Period period, long target, long actual, ZoneId zone, Instant now) {
        Elapsed e = Elapsed.of(period, zone, now);
        BigDecimal expectedTimesLength = BigDecimal.valueOf(target).multiply(BigDecimal.valueOf(e.millis()));
        double expected = expectedTimesLength.divide(BigDecimal.valueOf(e.length()), MathContext.DECIMAL128)
                .doubleValue();
        return new TargetProgressValue(target, actual, Ratios.rate(actual, target), expected,
                e.status(BigDecimal.valueOf(target), BigDecimal.valueOf(actual)));
    }

    /** A {@code wonValue} target's progress at {@code now}: the same rule on money; expectedValueByNow rounded half-even. */
    public static TargetProgressValue ofValue(Period period, BigDecimal target, BigDecimal actual, ZoneId zone,
            Instant now) {
        Elapsed e = Elapsed.of(period, zone, now);
        BigDecimal expected = target.multiply(BigDecimal.valueOf(e.millis()))
                .divide(BigDecimal.valueOf(e.length()), 2, RoundingMode.HALF_EVEN);
        return new TargetProgressValue(null, null, Ratios.rate(actual, target), null, e.status(target, actual), target,
                actual, expected);
    }

    /** How much of the period has passed at now, in milliseconds of its length. */
    private record Elapsed(long millis, long length) {

        static Elapsed of(Period period, ZoneId zone, Instant now) {
            long start = period.start(zone).toEpochMilli();
            long length = period.end(zone).toEpochMilli() - start;
            return new Elapsed(Math.max(0, Math.min(length, now.toEpochMilli() - start)), length);
        }

        /** ACHIEVED at the target, ON_TRACK when actual x length >= target x elapsed, exactly; else BEHIND. */
        TargetStatus status(BigDecimal target, BigDecimal actual) {
            if (actual.compareTo(target) >= 0) {
                return TargetStatus.ACHIEVED;
            }
            BigDecimal actualTimesLength = actual.multiply(BigDecimal.valueOf(length));
            BigDecimal expectedTimesLength = target.multiply(BigDecimal.valueOf(millis));
            return actualTimesLength.compareTo(expectedTimesLength) >= 0 ? TargetStatus.ON_TRACK : TargetStatus.BEHIND;
        }
    }
}
