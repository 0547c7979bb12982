package dev.funnelstreams.core.metrics;

import dev.funnelstreams.core.period.Period;
import java.util.Arrays;
import java.util.List;

/**
 * The additions of one event's delta as the contribution rules make them, unsummed: a row's counter for the periods
 * of an instant is one addition, not one per period. The streaming app's delta buffer sums them row by row
 * ({@link PeriodGroupSums}); summing them per cell first cost a hash look-up per cell and event, and the buffer
 * looked each cell up again.
 */
public final class CellChanges implements CellSink, CellDelta {

    /** Per addition: the key or row, the periods (null for a key), the counter. */
    private Object[] keys = new Object[16];
    @SuppressWarnings("unchecked")
    private List<Period>[] periods = new List[16];
    private Counter<?>[] counters = new Counter<?>[16];
    private int size;

    @Override
    public <C extends Counter<C>> void add(CellKey<C> key, C counter) {
        append(key, null, counter);
    }

    @Override
    public <C extends Counter<C>> void add(List<Period> periods, PeriodRow<C> row, C counter) {
        append(row, periods, counter);
    }

    private void append(Object key, List<Period> at, Counter<?> counter) {
        if (counter.isZero()) {
            return;
        }
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            periods = Arrays.copyOf(periods, size * 2);
            counters = Arrays.copyOf(counters, size * 2);
        }
        keys[size] = key;
        periods[size] = at;
        counters[size] = counter;
        size++;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void addTo(CellSink sink) {
        for (int i = 0; i < size; i++) {
            if (periods[i] == null) {
                sink.add((CellKey) keys[i], (Counter) counters[i]);
            } else {
                sink.add(periods[i], (PeriodRow) keys[i], (Counter) counters[i]);
            }
        }
    }

    @Override
    public boolean isEmpty() {
        return size == 0;
    }

    @Override
    public Contributions contributions() {
        CellTotals sum = new CellTotals();
        addTo(sum);
        return sum.release();
    }

    @Override
    public int size() {
        return size;
    }
}
