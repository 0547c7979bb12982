package dev.funnelstreams.core.metrics;

import java.math.BigDecimal;

/** The mutable sum of a week cell's {@link WeekCounts}: same arithmetic, no map copied per addition. */
final class WeekSum implements CellSum<WeekCounts> {

    private final CountsByName reached = new CountsByName();
    private final CountsByName lossesByReason = new CountsByName();
    private BigDecimal wonValue;
    private long facts;

    WeekSum(WeekCounts first) {
        reached.addAll(first.reached());
        lossesByReason.addAll(first.lossesByReason());
        wonValue = first.wonValue();
        facts = first.facts();
    }

    @Override
    public void add(WeekCounts c) {
        reached.addAll(c.reached());
        lossesByReason.addAll(c.lossesByReason());
        wonValue = wonValue.add(c.wonValue());
        facts += c.facts();
    }

    @Override
    public WeekCounts value() {
        return new WeekCounts(reached.view(), lossesByReason.view(), wonValue, facts);
    }

    @Override
    public boolean isZero() {
        return reached.isEmpty() && lossesByReason.isEmpty() && wonValue.signum() == 0 && facts == 0;
    }
}
