package dev.funnelstreams.core.metrics;

/**
 * The change of a lead's (or spend key's) contributions: {@code after - before}, cell by cell. A
 * cell the lead no longer contributes to carries the negative of what it contributed. Summing
 * deltas per cell, in any order, gives the sum of the current contributions.
 */
public final class Deltas {

    private Deltas() {
    }

    public static Contributions of(Contributions before, Contributions after) {
        return after.plus(before.negate());
    }
}
