package dev.funnelstreams.core.metrics;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counters of one ISO week, dimension all: the inputs of the weekly review and of CONVERSION_DROP.
 *
 * @param reached        stage id -> leads whose first reach of the stage falls in the week
 * @param lossesByReason reason -> losses in the week (all stages)
 * @param wonValue       value of the wins in the week
 * @param facts          reaches + entries + losses + stay ends in the week (the review's range)
 */
public record WeekCounts(Map<String, Long> reached, Map<String, Long> lossesByReason, BigDecimal wonValue, long facts)
        implements Counter<WeekCounts> {

    public static final WeekCounts ZERO = new WeekCounts(Map.of(), Map.of(), Amounts.ZERO, 0);
    static final WeekCounts FACT = new WeekCounts(Map.of(), Map.of(), Amounts.ZERO, 1);

    public WeekCounts {
        reached = withoutZeros(reached);
        lossesByReason = withoutZeros(lossesByReason);
    }

    static WeekCounts reach(String stage) {
        return new WeekCounts(Map.of(stage, 1L), Map.of(), Amounts.ZERO, 1);
    }

    static WeekCounts loss(String reason) {
        return new WeekCounts(Map.of(), Map.of(reason, 1L), Amounts.ZERO, 1);
    }

    static WeekCounts winValue(BigDecimal value) {
        return new WeekCounts(Map.of(), Map.of(), value, 0);
    }

    /** Leads whose first reach of {@code stage} falls in the week. */
    public long reachedOf(String stage) {
        return reached.getOrDefault(stage, 0L);
    }

    @Override
    public WeekCounts plus(WeekCounts o) {
        return new WeekCounts(sum(reached, o.reached, 1), sum(lossesByReason, o.lossesByReason, 1),
                wonValue.add(o.wonValue), facts + o.facts);
    }

    @Override
    public WeekCounts negate() {
        return new WeekCounts(sum(Map.of(), reached, -1), sum(Map.of(), lossesByReason, -1), wonValue.negate(), -facts);
    }

    @Override
    public boolean isZero() {
        return reached.isEmpty() && lossesByReason.isEmpty() && wonValue.signum() == 0 && facts == 0;
    }

    private static Map<String, Long> sum(Map<String, Long> a, Map<String, Long> b, long sign) {
        Map<String, Long> out = new TreeMap<>(a);
        b.forEach((k, v) -> out.merge(k, sign * v, Long::sum));
        return out;
    }

    private static Map<String, Long> withoutZeros(Map<String, Long> counts) {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> {
            if (v != 0) {
                out.put(k, v);
            }
        });
        return java.util.Collections.unmodifiableMap(out);
    }
}
