package dev.funnelstreams.streams.topology;

import dev.funnelstreams.core.metrics.CellDelta;
import dev.funnelstreams.core.metrics.CellKey;
import dev.funnelstreams.core.metrics.CellTotals;
import dev.funnelstreams.core.metrics.Counter;
import dev.funnelstreams.core.metrics.PeriodGroupSums;
import dev.funnelstreams.streams.StoreNames;
import dev.funnelstreams.streams.state.CellCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Per-task pre-aggregation of metric deltas before they are re-keyed by cell: sums the deltas of
 * every lead of the task per cell in memory and forwards one record per changed cell just before
 * each commit of the task ({@link PreCommit}), when the buffer is full, and, if
 * {@code streams.flushIntervalMs} is set, on that wall-clock interval. A handful of hot cells
 * (all/all/lead for this week) thus cost one repartition record per task and commit, not one per
 * event.
 *
 * <p>Upstream forwards one record per event holding its whole delta ({@link #forward}), not one
 * per cell: the fan-out is a map walk here instead of a trip through the router per cell.
 *
 * <p>A flush is stamped with the latest timestamp of the deltas it sums (event time: see
 * {@link LeadEventProcessor}), so the cell task's stream time is event time.
 *
 * <p>The invariant (docs/architecture.md): at every commit the buffer is empty, because the flush
 * before the commit forwarded its sums into the transaction that commits their inputs. A crash
 * between two commits aborts that transaction; the task starts again from the last commit with an
 * empty buffer and processes the same inputs again, so no delta is lost or counted twice, and the
 * sums need no store. The store named {@link StoreNames#CELL_DELTA_BUFFER} stays for the commit hook
 * and for sums an earlier version left in it (it persisted them per cell): those are loaded on start
 * and forwarded, and the store deleted, at the first flush.
 */
final class DeltaBuffer implements Processor<Void, TaskOutput.CellDeltas, byte[], byte[]> {

    /** Null: no flush between commits. */
    private final Duration flushInterval;
    /**
     * Mutable sums per cell (adding an immutable counter would copy it, its maps too, per event), a row's once per
     * group of periods: an event's {@link dev.funnelstreams.core.metrics.CellChanges} add a fact's row for the
     * periods of its instant as one sum, spread over the periods' cells at the flush.
     */
    private PeriodGroupSums pending = new PeriodGroupSums();
    private final List<Bytes> stored = new ArrayList<>();
    private ProcessorContext<byte[], byte[]> context;
    private KeyValueStore<Bytes, byte[]> store;
    private long eventTime;

    DeltaBuffer(Duration flushInterval) {
        this.flushInterval = flushInterval;
    }

    /** Forwards the delta of one event (or timer) as one record, stamped with its event time. */
    static void forward(ProcessorContext<Void, TaskOutput> context, CellDelta delta, long eventTime) {
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

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
        this.store = context.getStateStore(StoreNames.CELL_DELTA_BUFFER);
        // A revived task (Kafka Streams reuses its processors) starts as a new one: nothing held, no clock.
        pending = new PeriodGroupSums();
        stored.clear();
        eventTime = 0;
        try (KeyValueIterator<Bytes, byte[]> it = store.all()) {
            it.forEachRemaining(kv -> {
                stored.add(kv.key);
                pending.add((CellKey) CellCodec.decodeKey(kv.key.get()), (Counter) CellCodec.decodeCounter(kv.value));
            });
        }
        PreCommit.register(context, StoreNames.CELL_DELTA_BUFFER, this::flush);
        if (flushInterval != null) {
            context.schedule(flushInterval, PunctuationType.WALL_CLOCK_TIME, t -> flush());
        }
    }

    @Override
    public void process(Record<Void, TaskOutput.CellDeltas> record) {
        eventTime = Math.max(eventTime, record.timestamp());
        record.value().delta().addTo(pending);
        if (pending.size() >= PreCommit.MAX_HELD) {
            flush();
        }
    }

    private void flush() {
        if (pending.size() == 0 && stored.isEmpty()) {
            return;
        }
        long ts = Math.max(eventTime, 0);
        stored.forEach(store::delete);
        stored.clear();
        CellTotals cells = new CellTotals(pending.size());
        pending.drainTo(cells);
        cells.release().cells().forEach((key, sum) -> context.forward(
                new Record<>(CellCodec.encodeKey(key), CellCodec.encodeCounter(sum), ts)));
    }
}
