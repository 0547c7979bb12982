package dev.funnelstreams.core.metrics;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

/** The mutable sum of a period-review cell's {@link ReviewCounts}: same arithmetic, no map copied per addition. */
final class ReviewSum implements CellSum<ReviewCounts> {

    private final CountsByName reached = new CountsByName();
    private final Map<String, CountsByName> losses = new TreeMap<>();
    private BigDecimal wonValue;
    private long facts;

    ReviewSum(ReviewCounts first) {
        reached.addAll(first.reached());
        addLosses(first.losses());
        wonValue = first.wonValue();
        facts = first.facts();
    }

    @Override
    public void add(ReviewCounts c) {
        reached.addAll(c.reached());
        addLosses(c.losses());
        wonValue = wonValue.add(c.wonValue());
        facts += c.facts();
    }

    private void addLosses(Map<String, Map<String, Long>> added) {
        added.forEach((stage, reasons) -> {
            CountsByName atStage = losses.computeIfAbsent(stage, s -> new CountsByName());
            atStage.addAll(reasons);
            if (atStage.isEmpty()) {
                losses.remove(stage);
            }
        });
    }

    @Override
    public ReviewCounts value() {
        Map<String, Map<String, Long>> byStage = new TreeMap<>();
        losses.forEach((stage, reasons) -> byStage.put(stage, reasons.view()));
        return new ReviewCounts(reached.view(), byStage, wonValue, facts);
    }

    @Override
    public boolean isZero() {
        return reached.isEmpty() && losses.isEmpty() && wonValue.signum() == 0 && facts == 0;
    }
}
