package dev.funnelstreams.core.metrics;

import java.math.BigDecimal;

/**
 * The mutable sum of a sales-kpis cell's {@link SalesKpiCounts}: {@code plus} copies the bucket array
 * twice (the record clones it in and out), this adds into one array.
 */
final class SalesKpiSum implements CellSum<SalesKpiCounts> {

    private long opportunities;
    private long won;
    private long lost;
    private BigDecimal wonValue;
    private long cycleMillis;
    private final long[] cycleBuckets = new long[CycleBuckets.COUNT];

    SalesKpiSum(SalesKpiCounts first) {
        wonValue = first.wonValue();
        addCounts(first);
    }

    @Override
    public void add(SalesKpiCounts c) {
        wonValue = wonValue.add(c.wonValue());
        addCounts(c);
    }

    private void addCounts(SalesKpiCounts c) {
        opportunities += c.opportunities();
        won += c.won();
        lost += c.lost();
        cycleMillis += c.cycleMillis();
        for (int i = 0; i < cycleBuckets.length; i++) {
            cycleBuckets[i] += c.bucket(i);
        }
    }

    @Override
    public SalesKpiCounts value() {
        return new SalesKpiCounts(opportunities, won, lost, wonValue, cycleMillis, cycleBuckets);
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
}
