package dev.funnelstreams.core.metrics;

import java.util.HashMap;
import java.util.Map;

/**
 * The change of a lead's (or spend key's) contributions: {@code after - before}, cell by cell. A
 * cell the lead no longer contributes to carries the negative of what it contributed. Summing
 * deltas per cell, in any order, gives the sum of the current contributions.
 */
public final class Deltas {

    private Deltas() {
    }

    /**
     * One pass over each side, no intermediate maps: a lead's new event usually leaves most of its
     * cells as they were, and an unchanged cell costs one lookup and one comparison.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static Contributions of(Contributions before, Contributions after) {
        Map<CellKey<?>, Counter<?>> was = before.cells();
        Map<CellKey<?>, Counter<?>> is = after.cells();
        Map<CellKey<?>, Counter<?>> out = new HashMap<>();
        is.forEach((key, now) -> {
            Counter<?> old = was.get(key);
            if (old == null) {
                out.put(key, now);
            } else if (!old.equals(now)) {
                Counter<?> change = (Counter<?>) ((Counter) now).plus(old.negate());
                if (!change.isZero()) {
                    out.put(key, change);
                }
            }
        });
        was.forEach((key, old) -> {
            if (!is.containsKey(key)) {
                out.put(key, old.negate());
            }
        });
        return Contributions.owning(out);
    }
}
