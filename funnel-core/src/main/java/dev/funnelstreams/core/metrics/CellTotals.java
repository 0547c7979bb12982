package dev.funnelstreams.core.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A mutable sum of contributions or deltas per cell, as the batch report keeps it in memory and a
 * store keeps it in the streaming app. Cells that sum to zero are removed. Each cell keeps a
 * {@link CellSum} (mutable for the frequent cells and those whose counters copy maps when added); the
 * counter records are made when read.
 */
public final class CellTotals implements CellSink {

    private Map<CellKey<?>, CellSum<?>> cells;

    public CellTotals() {
        this(0);
    }

    /**
     * A sum sized for about {@code expectedCells} cells, so that filling it does not grow its table step by step (a
     * lead's contributions or an event's delta: dozens of cells, built per event in the streaming app).
     */
    public CellTotals(int expectedCells) {
        cells = new HashMap<>(capacity(expectedCells));
    }

    public void add(Contributions contributions) {
        contributions.addTo(this);
    }

    /** Adds one counter to its cell. */
    @Override
    public <C extends Counter<C>> void add(CellKey<C> key, C counter) {
        addCell(key, counter);
    }

    /** The sum in {@code key}, null when the cell is empty. */
    @SuppressWarnings("unchecked")
    public <C extends Counter<C>> C get(CellKey<C> key) {
        CellSum<?> sum = cells.get(key);
        return sum == null ? null : (C) sum.value();
    }

    /** The sum in {@code key}, {@code zero} when the cell is empty. */
    public <C extends Counter<C>> C getOrZero(CellKey<C> key, C zero) {
        C c = get(key);
        return c == null ? zero : c;
    }

    /** All non-empty cells of one key type, ordered by key text (a stable output order). */
    @SuppressWarnings("unchecked")
    public <C extends Counter<C>, K extends CellKey<C>> Map<K, C> cells(Class<K> keyType) {
        List<Map.Entry<String, CellKey<?>>> keys = new ArrayList<>();
        cells.keySet().forEach(k -> {
            if (keyType.isInstance(k)) {
                keys.add(Map.entry(k.toString(), k));
            }
        });
        keys.sort(Map.Entry.comparingByKey());
        Map<K, C> out = new LinkedHashMap<>();
        keys.forEach(e -> out.put((K) e.getValue(), (C) cells.get(e.getValue()).value()));
        return Collections.unmodifiableMap(out);
    }

    public int size() {
        return cells.size();
    }

    /** A snapshot of the non-empty cells. */
    public Contributions toContributions() {
        Map<CellKey<?>, Counter<?>> out = new HashMap<>(Math.max(16, cells.size() * 4 / 3 + 1));
        cells.forEach((k, sum) -> out.put(k, sum.value()));
        return Contributions.owning(out);
    }

    /**
     * The non-empty cells, for a sum built to be handed over once (a lead's contributions, built per
     * event; the streaming app's delta buffer at a flush): this is empty afterwards.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Contributions release() {
        // the sums' map becomes the counters' map in place: no second table (the streaming app releases a
        // per-event sum for every event)
        Map handedOver = cells;
        handedOver.replaceAll((key, sum) -> ((CellSum<?>) sum).value());
        // a sum that is filled again (the delta buffer after a flush) starts at the size it reached
        cells = new HashMap<>(capacity(handedOver.size()));
        return Contributions.owning(handedOver);
    }

    /** A HashMap capacity that holds {@code cells} entries without growing (its load factor is 0.75). */
    private static int capacity(int cells) {
        return Math.max(16, cells * 4 / 3 + 1);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void addCell(CellKey<?> key, Counter<?> counter) {
        if (counter.isZero()) {
            return;
        }
        CellSum sum = cells.get(key);
        if (sum == null) {
            cells.put(key, CellSum.of((Counter) counter));
        } else {
            sum.add(counter);
            if (sum.isZero()) {
                cells.remove(key);
            }
        }
    }
}
