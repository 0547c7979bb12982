package dev.funnelstreams.core.metrics;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Money arithmetic of the metrics: exact sums at scale 2, output rounding half-even. */
public final class Amounts {

    public static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);

    private Amounts() {
    }

    /** The amount at scale 2 (input money has at most 2 decimals, so this is exact). */
    public static BigDecimal of(BigDecimal value) {
        return value == null ? ZERO : value.setScale(2, RoundingMode.HALF_EVEN);
    }
}
