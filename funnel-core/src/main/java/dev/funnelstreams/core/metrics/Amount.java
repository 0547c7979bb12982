package dev.funnelstreams.core.metrics;

import java.math.BigDecimal;

/** A single additive amount of money (scale 2). */
public record Amount(BigDecimal value) implements Counter<Amount> {

    public static final Amount ZERO = new Amount(Amounts.ZERO);

    @Override
    public Amount plus(Amount other) {
        return new Amount(value.add(other.value));
    }

    @Override
    public Amount negate() {
        return new Amount(value.negate());
    }

    @Override
    public boolean isZero() {
        return value.signum() == 0;
    }
}
