package dev.funnelstreams.core.metrics;

import java.math.BigDecimal;
import java.util.Arrays;

/**
 * Counters of a sales-kpis cell (SPEC section 9).
 *
 * @param opportunities reaches of the opportunity stage
 * @param won           wins
 * @param lost          losses at stages before the won stage
 * @param wonValue      sum of the won values of those wins (scale 2)
 * @param cycleMillis   sum of the wins' cycles (win instant - funnel entry instant) in milliseconds
 * @param cycleBuckets  wins per cycle bucket, {@link CycleBuckets#COUNT} entries (the last is the open one)
 */
public record SalesKpiCounts(long opportunities, long won, long lost, BigDecimal wonValue, long cycleMillis,
        long[] cycleBuckets) implements Counter<SalesKpiCounts> {

    public static final SalesKpiCounts ZERO =
            new SalesKpiCounts(0, 0, 0, Amounts.ZERO, 0, new long[CycleBuckets.COUNT]);
    static final SalesKpiCounts OPPORTUNITY = new SalesKpiCounts(1, 0, 0, Amounts.ZERO, 0, new long[CycleBuckets.COUNT]);
    static final SalesKpiCounts LOSS = new SalesKpiCounts(0, 0, 1, Amounts.ZERO, 0, new long[CycleBuckets.COUNT]);

    public SalesKpiCounts {
        if (cycleBuckets.length != CycleBuckets.COUNT) {
            throw new IllegalArgumentException("cycleBuckets needs " + CycleBuckets.COUNT + " entries");
        }
        cycleBuckets = cycleBuckets.clone();
    }

    /** A win of {@code value} whose cycle lasted {@code cycleMillis}. */
    static SalesKpiCounts win(BigDecimal value, long cycleMillis) {
        long[] buckets = new long[CycleBuckets.COUNT];
        buckets[CycleBuckets.indexOf(cycleMillis)] = 1;
        return new SalesKpiCounts(0, 1, 0, Amounts.of(value), cycleMillis, buckets);
    }

    @Override
    public long[] cycleBuckets() {
        return cycleBuckets.clone();
    }

    /** Wins in bucket {@code i}, without a copy of the array. */
    public long bucket(int i) {
        return cycleBuckets[i];
    }

    @Override
    public SalesKpiCounts plus(SalesKpiCounts o) {
        long[] sum = new long[CycleBuckets.COUNT];
        for (int i = 0; i < sum.length; i++) {
            sum[i] = cycleBuckets[i] + o.cycleBuckets[i];
        }
        return new SalesKpiCounts(opportunities + o.opportunities, won + o.won, lost + o.lost,
                wonValue.add(o.wonValue), cycleMillis + o.cycleMillis, sum);
    }

    @Override
    public SalesKpiCounts negate() {
        long[] neg = new long[CycleBuckets.COUNT];
        for (int i = 0; i < neg.length; i++) {
            neg[i] = -cycleBuckets[i];
        }
        return new SalesKpiCounts(-opportunities, -won, -lost, wonValue.negate(), -cycleMillis, neg);
    }

    @Override
    public boolean isZero() {
        if (opportunities != 0 || won != 0 || lost != 0 || wonValue.signum() != 0 || cycleMillis != 0) {
            return false;
        }
        for (long b : cycleBuckets) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SalesKpiCounts c && opportunities == c.opportunities && won == c.won && lost == c.lost
                && wonValue.equals(c.wonValue) && cycleMillis == c.cycleMillis
                && Arrays.equals(cycleBuckets, c.cycleBuckets);
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(opportunities + 7 * won + 13 * lost + 17 * cycleMillis) + wonValue.hashCode()
                + Arrays.hashCode(cycleBuckets);
    }

    @Override
    public String toString() {
        return "SalesKpiCounts[opportunities=" + opportunities + ", won=" + won + ", lost=" + lost + ", wonValue="
                + wonValue + ", cycleMillis=" + cycleMillis + ", cycleBuckets=" + Arrays.toString(cycleBuckets) + "]";
    }
}
