package dev.funnelstreams.core.metrics.view;

import dev.funnelstreams.core.metrics.CycleBuckets;
import dev.funnelstreams.core.metrics.SalesKpiCounts;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/** Value of funnel.sales-kpis (SPEC section 9). */
public record SalesKpiValue(long opportunities, long won, long lost, Double winRate, BigDecimal wonValue,
        BigDecimal avgDealSize, Double meanCycleDays, List<Bucket> cycleDaysHistogram, Integer cycleDaysP50,
        Integer cycleDaysP90, BigDecimal salesVelocityPerDay) {

    private static final BigInteger MILLIS_PER_DAY = BigInteger.valueOf(86_400_000L);
    /**
     * The output topics' money fields are Avro decimal(24, 2): below 10^22. A sum of input money (each amount below
     * 10^16) reaches it only past a million amounts near that bound in one cell; a velocity divides by the cycles'
     * milliseconds and reaches it with one deal (10^16 won 1 ms after its entry is 8.64 x 10^23 a day). Serializing
     * such a value failed the output record.
     */
    static final BigDecimal VELOCITY_LIMIT = BigDecimal.TEN.pow(22);

    /** Wins whose cycle is shorter than {@code upTo} days (and not in an earlier bucket); upTo null: over 365. */
    public record Bucket(Integer upTo, long count) {
    }

    public static SalesKpiValue of(SalesKpiCounts c) {
        List<Bucket> histogram = new ArrayList<>();
        for (int i = 0; i < CycleBuckets.COUNT; i++) {
            if (c.bucket(i) != 0) {
                histogram.add(new Bucket(CycleBuckets.bound(i), c.bucket(i)));
            }
        }
        return new SalesKpiValue(c.opportunities(), c.won(), c.lost(), Ratios.rate(c.won(), c.won() + c.lost()),
                c.wonValue(), Ratios.moneyPer(c.wonValue(), c.won()), Ratios.meanDays(c.cycleMillis(), c.won()),
                histogram, percentile(c, 5), percentile(c, 9), velocity(c));
    }

    /**
     * The bound of the first bucket whose cumulative count >= ceil(tenths/10 x won); null when won is 0
     * or that bucket is the open one.
     */
    static Integer percentile(SalesKpiCounts c, int tenths) {
        if (c.won() <= 0) {
            return null;
        }
        long rank = (tenths * c.won() + 9) / 10;
        long cumulative = 0;
        for (int i = 0; i < CycleBuckets.COUNT; i++) {
            cumulative += c.bucket(i);
            if (cumulative >= rank) {
                return CycleBuckets.bound(i);
            }
        }
        return null;
    }

    /**
     * opportunities x winRate x avgDealSize / meanCycleDays, computed exactly as opportunities x wonValue
     * x won x 86,400,000 / ((won + lost) x cycle millis), rounded half-even to 2 places; null when a part
     * is null (no win), the mean cycle is 0, or it is {@link #VELOCITY_LIMIT} or more (the project's rule: the
     * SPEC sets no range, the output's decimal(24, 2) cannot carry it, and only cycles of milliseconds reach it).
     */
    static BigDecimal velocity(SalesKpiCounts c) {
        if (c.won() <= 0 || c.cycleMillis() == 0) {
            return null;
        }
        BigDecimal numerator = c.wonValue().multiply(new BigDecimal(BigInteger.valueOf(c.opportunities())
                .multiply(BigInteger.valueOf(c.won())).multiply(MILLIS_PER_DAY)));
        BigDecimal denominator = new BigDecimal(BigInteger.valueOf(c.won() + c.lost())
                .multiply(BigInteger.valueOf(c.cycleMillis())));
        BigDecimal velocity = numerator.divide(denominator, 2, RoundingMode.HALF_EVEN);
        return velocity.compareTo(VELOCITY_LIMIT) < 0 ? velocity : null;
    }
}
