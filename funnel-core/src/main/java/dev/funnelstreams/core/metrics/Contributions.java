package dev.funnelstreams.core.metrics;

import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.lead.LeadFacts;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * What one lead (or one spend key) adds to every metric cell: cell key -> additive counter, zero
 * counters left out. The metrics of a set of leads are the cell-wise sum of their contributions.
 */
public record Contributions(Map<CellKey<?>, Counter<?>> cells) {

    public static final Contributions EMPTY = new Contributions(Map.of());

    public Contributions {
        Map<CellKey<?>, Counter<?>> copy = new HashMap<>();
        cells.forEach((k, v) -> {
            if (!v.isZero()) {
                copy.put(k, v);
            }
        });
        cells = Collections.unmodifiableMap(copy);
    }

    /** The contributions of one replayed lead (SPEC sections 3 and 4). */
    public static Contributions of(LeadFacts facts, FunnelConfig config) {
        return new LeadContributions(config).of(facts);
    }

    /** The counter of {@code key}, null when this holds nothing for it. */
    @SuppressWarnings("unchecked")
    public <C extends Counter<C>> C get(CellKey<C> key) {
        return (C) cells.get(key);
    }

    public Contributions plus(Contributions other) {
        CellTotals sum = new CellTotals();
        sum.add(this);
        sum.add(other);
        return sum.toContributions();
    }

    public Contributions negate() {
        Map<CellKey<?>, Counter<?>> out = new HashMap<>();
        cells.forEach((k, v) -> out.put(k, v.negate()));
        return new Contributions(out);
    }

    public boolean isEmpty() {
        return cells.isEmpty();
    }
}
