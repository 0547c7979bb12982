package dev.funnelstreams.core.metrics;

import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.lead.LeadFacts;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * What one lead (or one spend key) adds to every metric cell: cell key -> additive counter, zero
 * counters left out. The metrics of a set of leads are the cell-wise sum of their contributions.
 * Equal when the cells are equal.
 */
public final class Contributions implements CellDelta {

    public static final Contributions EMPTY = new Contributions(Map.of());

    private final Map<CellKey<?>, Counter<?>> cells;

    private Contributions(Map<CellKey<?>, Counter<?>> nonZeroCells) {
        this.cells = Collections.unmodifiableMap(nonZeroCells);
    }

    /** Contributions holding the non-zero counters of {@code cells}. */
    public static Contributions of(Map<CellKey<?>, Counter<?>> cells) {
        Map<CellKey<?>, Counter<?>> copy = new HashMap<>();
        cells.forEach((k, v) -> {
            if (!v.isZero()) {
                copy.put(k, v);
            }
        });
        return new Contributions(copy);
    }

    /** The contributions of one replayed lead (SPEC sections 3 and 4); see {@link ContributionRules}. */
    public static Contributions of(LeadFacts facts, FunnelConfig config) {
        return new ContributionRules(config).of(facts);
    }

    /** Takes over a map without zero counters that nobody else holds. */
    static Contributions owning(Map<CellKey<?>, Counter<?>> nonZeroCells) {
        return new Contributions(nonZeroCells);
    }

    /** Cell key -> counter, no zero counters. */
    public Map<CellKey<?>, Counter<?>> cells() {
        return cells;
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
        return sum.release();
    }

    public Contributions negate() {
        Map<CellKey<?>, Counter<?>> out = new HashMap<>();
        cells.forEach((k, v) -> out.put(k, v.negate()));
        return new Contributions(out);
    }

    @Override
    public boolean isEmpty() {
        return cells.isEmpty();
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void addTo(CellSink sink) {
        cells.forEach((k, v) -> sink.add((CellKey) k, (Counter) v));
    }

    @Override
    public Contributions contributions() {
        return this;
    }

    @Override
    public int size() {
        return cells.size();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Contributions other && cells.equals(other.cells);
    }

    @Override
    public int hashCode() {
        return cells.hashCode();
    }

    @Override
    public String toString() {
        return "Contributions" + cells;
    }
}
