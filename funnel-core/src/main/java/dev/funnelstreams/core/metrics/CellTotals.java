package dev.funnelstreams.core.metrics;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A mutable sum of contributions or deltas per cell, as the batch report keeps it in memory and a
 * store keeps it in the streaming app. Cells that sum to zero are removed.
 */
public final class CellTotals {

    private final Map<CellKey<?>, Counter<?>> cells = new HashMap<>();

    public void add(Contributions contributions) {
        contributions.cells().forEach(this::addCell);
    }

    /** Adds one counter to its cell. */
    public <C extends Counter<C>> void add(CellKey<C> key, C counter) {
        addCell(key, counter);
    }

    /** The sum in {@code key}, null when the cell is empty. */
    @SuppressWarnings("unchecked")
    public <C extends Counter<C>> C get(CellKey<C> key) {
        return (C) cells.get(key);
    }

    /** The sum in {@code key}, {@code zero} when the cell is empty. */
    public <C extends Counter<C>> C getOrZero(CellKey<C> key, C zero) {
        C c = get(key);
        return c == null ? zero : c;
    }

    /** All non-empty cells of one key type, ordered by key text (a stable output order). */
    @SuppressWarnings("unchecked")
    public <C extends Counter<C>, K extends CellKey<C>> Map<K, C> cells(Class<K> keyType) {
        Map<K, C> out = new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
        cells.forEach((k, v) -> {
            if (keyType.isInstance(k)) {
                out.put((K) k, (C) v);
            }
        });
        return Collections.unmodifiableMap(out);
    }

    public int size() {
        return cells.size();
    }

    public Contributions toContributions() {
        return new Contributions(cells);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void addCell(CellKey<?> key, Counter<?> counter) {
        Counter<?> sum = cells.containsKey(key) ? (Counter<?>) ((Counter) cells.get(key)).plus(counter) : counter;
        if (sum.isZero()) {
            cells.remove(key);
        } else {
            cells.put(key, sum);
        }
    }
}
