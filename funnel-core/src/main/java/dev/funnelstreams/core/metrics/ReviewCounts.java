package dev.funnelstreams.core.metrics;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counters of one period of the period review, dimension all.
 *
 * @param reached  stage id -> leads whose first reach of the stage falls in the period
 * @param losses   stage id -> reason -> losses at that stage in the period
 * @param wonValue value of the wins in the period
 * @param facts    reaches + entries + losses + stay ends in the period (the review's range)
 */
public record ReviewCounts(Map<String, Long> reached, Map<String, Map<String, Long>> losses, BigDecimal wonValue,
        long facts) implements Counter<ReviewCounts> {

    public static final ReviewCounts ZERO = new ReviewCounts(Map.of(), Map.of(), Amounts.ZERO, 0);
    static final ReviewCounts FACT = new ReviewCounts(Map.of(), Map.of(), Amounts.ZERO, 1);

    public ReviewCounts {
        reached = withoutZeros(reached);
        Map<String, Map<String, Long>> byStage = new TreeMap<>();
        losses.forEach((stage, reasons) -> {
            Map<String, Long> n = withoutZeros(reasons);
            if (!n.isEmpty()) {
                byStage.put(stage, n);
            }
        });
        losses = Collections.unmodifiableMap(byStage);
    }

    static ReviewCounts reach(String stage) {
        return new ReviewCounts(Map.of(stage, 1L), Map.of(), Amounts.ZERO, 1);
    }

    static ReviewCounts loss(String stage, String reason) {
        return new ReviewCounts(Map.of(), Map.of(stage, Map.of(reason, 1L)), Amounts.ZERO, 1);
    }

    static ReviewCounts winValue(BigDecimal value) {
        return new ReviewCounts(Map.of(), Map.of(), value, 0);
    }

    /** Leads whose first reach of {@code stage} falls in the period. */
    public long reachedOf(String stage) {
        return reached.getOrDefault(stage, 0L);
    }

    /** Reason -> losses at {@code stage}. */
    public Map<String, Long> lossesAt(String stage) {
        return losses.getOrDefault(stage, Map.of());
    }

    /** Reason -> losses at all stages. */
    public Map<String, Long> lossesByReason() {
        Map<String, Long> out = new TreeMap<>();
        losses.values().forEach(reasons -> reasons.forEach((r, n) -> out.merge(r, n, Long::sum)));
        return out;
    }

    @Override
    public ReviewCounts plus(ReviewCounts o) {
        return combine(o, 1);
    }

    @Override
    public ReviewCounts negate() {
        return ZERO.combine(this, -1);
    }

    private ReviewCounts combine(ReviewCounts o, long sign) {
        Map<String, Long> r = new TreeMap<>(reached);
        o.reached.forEach((k, v) -> r.merge(k, sign * v, Long::sum));
        Map<String, Map<String, Long>> l = new TreeMap<>();
        losses.forEach((stage, reasons) -> l.put(stage, new TreeMap<>(reasons)));
        o.losses.forEach((stage, reasons) -> reasons.forEach((reason, n) ->
                l.computeIfAbsent(stage, s -> new TreeMap<>()).merge(reason, sign * n, Long::sum)));
        return new ReviewCounts(r, l, sign > 0 ? wonValue.add(o.wonValue) : wonValue.subtract(o.wonValue),
                facts + sign * o.facts);
    }

    @Override
    public boolean isZero() {
        return reached.isEmpty() && losses.isEmpty() && wonValue.signum() == 0 && facts == 0;
    }

    private static Map<String, Long> withoutZeros(Map<String, Long> counts) {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> {
            if (v != 0) {
                out.put(k, v);
            }
        });
        return Collections.unmodifiableMap(out);
    }
}
