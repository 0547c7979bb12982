package dev.funnelstreams.core.metrics;

/** A single additive count. */
public record Count(long n) implements Counter<Count> {

    public static final Count ONE = new Count(1);
    public static final Count ZERO = new Count(0);

    @Override
    public Count plus(Count other) {
        return new Count(n + other.n);
    }

    @Override
    public Count negate() {
        return new Count(-n);
    }

    @Override
    public boolean isZero() {
        return n == 0;
    }
}
