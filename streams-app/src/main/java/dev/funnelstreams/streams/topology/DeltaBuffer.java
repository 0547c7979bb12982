package dev.funnelstreams.streams.topology;

import dev.funnelstreams.core.metrics.CellKey;
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
 * <p>A flush is stamped with the latest timestamp of the deltas it sums (event time: see
 * {@link LeadEventProcessor}), so the cell task's stream time is event time.
 *
 * <p>The sums live in a changelogged store, so under exactly-once a crash between two flushes
 * neither loses nor repeats a delta; the map mirrors the store only to avoid decoding on reads.
 */
final class DeltaBuffer implements Processor<Object, Object, byte[], byte[]> {

    static final int MAX_CELLS = 50_000;

    private final Duration flushInterval;
    private final Map<CellKey<?>, Counter<?>> pending = new HashMap<>();
    private ProcessorContext<byte[], byte[]> context;
    private KeyValueStore<Bytes, byte[]> store;
    private long eventTime;

    DeltaBuffer(Duration flushInterval) {
        this.flushInterval = flushInterval;
    }

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
        this.store = context.getStateStore(StoreNames.CELL_DELTA_BUFFER);
        pending.clear();
        try (KeyValueIterator<Bytes, byte[]> it = store.all()) {
            it.forEachRemaining(kv -> pending.put(CellCodec.decodeKey(kv.key.get()), CellCodec.decodeCounter(kv.value)));
        }
        context.schedule(flushInterval, PunctuationType.WALL_CLOCK_TIME, t -> flush());
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void process(Record<Object, Object> record) {
        CellKey<?> key = (CellKey<?>) record.key();
        Counter delta = (Counter) record.value();
        eventTime = Math.max(eventTime, record.timestamp());
        Counter<?> old = pending.get(key);
        Counter<?> sum = old == null ? delta : (Counter<?>) ((Counter) old).plus(delta);
        Bytes storeKey = Bytes.wrap(CellCodec.encodeKey(key));
        if (sum.isZero()) {
            pending.remove(key);
            store.delete(storeKey);
        } else {
            pending.put(key, sum);
            store.put(storeKey, CellCodec.encodeCounter(sum));
        }
        if (pending.size() >= MAX_CELLS) {
            flush();
        }
    }

    private void flush() {
        if (pending.isEmpty()) {
            return;
        }
        long ts = eventTime;
        List<KeyValue<byte[], byte[]>> out = new ArrayList<>(pending.size());
        pending.forEach((k, v) -> out.add(KeyValue.pair(CellCodec.encodeKey(k), CellCodec.encodeCounter(v))));
        pending.clear();
        for (KeyValue<byte[], byte[]> kv : out) {
            store.delete(Bytes.wrap(kv.key));
            context.forward(new Record<>(kv.key, kv.value, Math.max(ts, 0)));
        }
    }
}
