package dev.funnelstreams.streams.topology;

import dev.funnelstreams.core.metrics.CellKey;
import dev.funnelstreams.core.metrics.Contributions;
import dev.funnelstreams.core.metrics.Counter;
import dev.funnelstreams.streams.StoreNames;
import dev.funnelstreams.streams.state.CellCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Per-task pre-aggregation of metric deltas before they are re-keyed by cell: sums the deltas of
 * every lead of the task per cell and forwards one record per changed cell on a wall-clock
 * punctuation (or when the buffer is full). A handful of hot cells (all/all/lead for this week)
 * thus cost one repartition record per task and flush, not one per event.
 *
 * <p>Upstream forwards one record per event holding its whole delta ({@link #forward}), not one
 * per cell: the fan-out is a map walk here instead of a trip through the router per cell.
 *
 * <p>A flush is stamped with the latest timestamp of the deltas it sums (event time: see
 * {@link LeadEventProcessor}), so the cell task's stream time is event time.
 *
 * <p>The sums live in a changelogged store, so under exactly-once a crash between two flushes
 * neither loses nor repeats a delta; the map mirrors the store (with each cell's encoded key, so a
 * hot cell is encoded once per flush, not once per event) only to avoid decoding on reads. The
 * store is cached: repeated puts of a hot cell reach the changelog once per commit.
 */
final class DeltaBuffer implements Processor<Void, TaskOutput.CellDeltas, byte[], byte[]> {

    static final int MAX_CELLS = 50_000;

    private final Duration flushInterval;
    private final Map<CellKey<?>, Pending> pending = new HashMap<>();
    private ProcessorContext<byte[], byte[]> context;
    private KeyValueStore<Bytes, byte[]> store;
    private long eventTime;

    DeltaBuffer(Duration flushInterval) {
        this.flushInterval = flushInterval;
    }

    /** Forwards the delta of one event (or timer) as one record, stamped with its event time. */
    static void forward(ProcessorContext<Void, TaskOutput> context, Contributions delta, long eventTime) {
        if (!delta.isEmpty()) {
            context.forward(new Record<>(null, new TaskOutput.CellDeltas(delta),
                    stamp(eventTime, context.currentSystemTimeMs())));
        }
    }

    /**
     * A cell delta's timestamp: its event time, but never later than the wall clock. Downstream stream time
     * closes weeks (CONVERSION_DROP), and a spend dated in the future must not close them early; the broker
     * also refuses record timestamps far ahead of its clock ({@code log.message.timestamp.after.max.ms}).
     */
    static long stamp(long eventTime, long wallClock) {
        return Math.max(0, Math.min(eventTime, wallClock));
    }

    /** A buffered cell: its store key, encoded once, and the sum so far. */
    private static final class Pending {
        final Bytes storeKey;
        Counter<?> sum;

        Pending(Bytes storeKey, Counter<?> sum) {
            this.storeKey = storeKey;
            this.sum = sum;
        }
    }

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
        this.store = context.getStateStore(StoreNames.CELL_DELTA_BUFFER);
        pending.clear();
        try (KeyValueIterator<Bytes, byte[]> it = store.all()) {
            it.forEachRemaining(kv -> pending.put(CellCodec.decodeKey(kv.key.get()),
                    new Pending(kv.key, CellCodec.decodeCounter(kv.value))));
        }
        context.schedule(flushInterval, PunctuationType.WALL_CLOCK_TIME, t -> flush());
    }

    @Override
    public void process(Record<Void, TaskOutput.CellDeltas> record) {
        eventTime = Math.max(eventTime, record.timestamp());
        record.value().delta().cells().forEach(this::add);
        if (pending.size() >= MAX_CELLS) {
            flush();
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void add(CellKey<?> key, Counter<?> delta) {
        Pending p = pending.get(key);
        if (p == null) {
            p = new Pending(Bytes.wrap(CellCodec.encodeKey(key)), delta);
            pending.put(key, p);
        } else {
            p.sum = (Counter<?>) ((Counter) p.sum).plus(delta);
        }
        if (p.sum.isZero()) {
            pending.remove(key);
            store.delete(p.storeKey);
        } else {
            store.put(p.storeKey, CellCodec.encodeCounter(p.sum));
        }
    }

    private void flush() {
        if (pending.isEmpty()) {
            return;
        }
        long ts = eventTime;
        List<KeyValue<Bytes, byte[]>> out = new ArrayList<>(pending.size());
        pending.values().forEach(p -> out.add(KeyValue.pair(p.storeKey, CellCodec.encodeCounter(p.sum))));
        pending.clear();
        for (KeyValue<Bytes, byte[]> kv : out) {
            store.delete(kv.key);
            context.forward(new Record<>(kv.key.get(), kv.value, Math.max(ts, 0)));
        }
    }
}
