package dev.funnelstreams.core.generate;

import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.config.TierDef;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.SplittableRandom;

/** Estimated deal values spread over the configured tiers (most leads in the lowest, few in the highest). */
final class ValueModel {

    private final List<TierDef> tiers; // highest first
    private final double[] weights;
    private final double[] low;
    private final double[] high;

    ValueModel(FunnelConfig config) {
        tiers = config.tiers();
        int n = tiers.size();
        weights = new double[n];
        low = new double[n];
        high = new double[n];
        for (int i = 0; i < n; i++) {
            int fromLowest = n - 1 - i;
            weights[i] = fromLowest == 0 ? 0.55 : fromLowest == 1 ? 0.30 : fromLowest == 2 ? 0.12 : 0.03;
            double min = tiers.get(i).minValue().doubleValue();
            high[i] = i == 0 ? Math.max(min * 3, min + 10_000) : tiers.get(i - 1).minValue().doubleValue();
            low[i] = min > 0 ? min : high[i] * 0.05;
        }
    }

    /** A value inside a randomly chosen tier, skewed toward the tier's lower bound and rounded like a quote. */
    BigDecimal sample(SplittableRandom rnd) {
        int i = Vocabulary.weighted(weights, rnd);
        double v = low[i] + (high[i] - low[i]) * Math.pow(rnd.nextDouble(), 1.5);
        double step = step(high[i]);
        double rounded = Math.floor(v / step) * step;
        if (rounded < low[i]) {
            rounded = low[i];
        }
        if (i > 0 && rounded >= high[i]) {
            rounded = high[i] - step;
        }
        return money(rounded);
    }

    /** {@code value} times {@code factor}, rounded like a quote. */
    BigDecimal rescale(BigDecimal value, double factor) {
        double v = value.doubleValue() * factor;
        double step = step(v);
        return money(Math.max(step, Math.round(v / step) * step));
    }

    /** The signed deal amount: the estimate give or take, or a fresh value when there was no estimate. */
    BigDecimal dealAmount(BigDecimal estimate, SplittableRandom rnd) {
        BigDecimal base = estimate != null ? estimate : sample(rnd);
        return rescale(base, 0.8 + 0.35 * rnd.nextDouble());
    }

    private static double step(double magnitude) {
        return Math.max(1, Math.pow(10, Math.floor(Math.log10(Math.max(1, magnitude))) - 2));
    }

    private static BigDecimal money(double v) {
        return BigDecimal.valueOf(Math.round(v)).setScale(2, RoundingMode.UNNECESSARY);
    }
}
