package dev.funnelstreams.core.metrics.view;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Rates, means and money of the output records: exact sums divided once, null for a zero denominator. */
public final class Ratios {

    private static final BigDecimal MILLIS_PER_DAY = BigDecimal.valueOf(86_400_000L);

    private Ratios() {
    }

    /** {@code n / d} as a double, null when d is 0. */
    public static Double rate(long n, long d) {
        return d == 0 ? null : (double) n / (double) d;
    }

    /** Mean length in days of {@code count} periods totalling {@code sumMillis}; null when count is 0. */
    public static Double meanDays(long sumMillis, long count) {
        if (count == 0) {
            return null;
        }
        return BigDecimal.valueOf(sumMillis)
                .divide(MILLIS_PER_DAY.multiply(BigDecimal.valueOf(count)), MathContext.DECIMAL128)
                .doubleValue();
    }

    /** {@code money / count} rounded half-even to 2 places; null when count is 0. */
    public static BigDecimal moneyPer(BigDecimal money, long count) {
        return count == 0 ? null : money.divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_EVEN);
    }

    /** {@code n / d} of money as a double, null when d is 0. */
    public static Double rate(BigDecimal n, BigDecimal d) {
        return d.signum() == 0 ? null : n.divide(d, MathContext.DECIMAL128).doubleValue();
    }

    /** {@code 100 * (n1/d1 - n0/d0)} computed as one division; null when a denominator is 0. */
    public static Double changePoints(long n1, long d1, long n0, long d0) {
        if (d1 == 0 || d0 == 0) {
            return null;
        }
        BigDecimal num = BigDecimal.valueOf(n1).multiply(BigDecimal.valueOf(d0))
                .subtract(BigDecimal.valueOf(n0).multiply(BigDecimal.valueOf(d1)))
                .multiply(BigDecimal.valueOf(100));
        return num.divide(BigDecimal.valueOf(d1).multiply(BigDecimal.valueOf(d0)), MathContext.DECIMAL128)
                .doubleValue();
    }
}
