package dev.funnelstreams.streams.topology;

import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.event.LossReason;
import dev.funnelstreams.core.metrics.CellKey;
import dev.funnelstreams.core.metrics.ChannelCostKey;
import dev.funnelstreams.core.metrics.ChannelCounts;
import dev.funnelstreams.core.metrics.ConversionCounts;
import dev.funnelstreams.core.metrics.ConversionKey;
import dev.funnelstreams.core.metrics.Count;
import dev.funnelstreams.core.metrics.Counter;
import dev.funnelstreams.core.metrics.LossReasonKey;
import dev.funnelstreams.core.metrics.SnapshotKey;
import dev.funnelstreams.core.metrics.StageFlowCounts;
import dev.funnelstreams.core.metrics.StageFlowKey;
import dev.funnelstreams.core.metrics.StalledKey;
import dev.funnelstreams.core.metrics.StalledNowKey;
import dev.funnelstreams.core.metrics.TargetKey;
import dev.funnelstreams.core.metrics.WeekCounts;
import dev.funnelstreams.core.metrics.WeekKey;
import dev.funnelstreams.core.metrics.view.ChannelCostValue;
import dev.funnelstreams.core.metrics.view.ConversionValue;
import dev.funnelstreams.core.metrics.view.LossReasonValue;
import dev.funnelstreams.core.metrics.view.StageFlowValue;
import dev.funnelstreams.core.metrics.view.StageSnapshotValue;
import dev.funnelstreams.core.metrics.view.TargetProgressValue;
import dev.funnelstreams.core.metrics.view.WeeklyReview;
import dev.funnelstreams.core.alert.Alert;
import dev.funnelstreams.core.alert.AlertType;
import dev.funnelstreams.core.config.PeriodKind;
import dev.funnelstreams.core.period.Period;
import dev.funnelstreams.core.period.Periods;
import dev.funnelstreams.streams.alert.AlertRecords;
import dev.funnelstreams.streams.alert.ConversionDropWatch;
import dev.funnelstreams.streams.StoreNames;
import dev.funnelstreams.streams.avro.OutputRecords;
import dev.funnelstreams.streams.state.CellCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.BytesSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Sums the pre-aggregated deltas per metric cell and emits each changed cell's record, rendered by
 * the core, to its output topic (a tombstone when the cell is back to zero, since the batch report
 * has no record for an empty cell). Values that depend on the wall clock use the context's clock.
 *
 * <p>The task of partition 0 also owns the weeks: it raises CONVERSION_DROP when stream time (event
 * time, see {@link DeltaBuffer}) closes a week ({@link ConversionDropWatch}), and keeps the review
 * of the week containing now current with {@code stalledNow}. The {@code stalled} counts arrive as
 * cells from the lead tasks' alert timers.
 */
final class CellAggregator implements Processor<byte[], byte[], SpecificRecord, SpecificRecord> {

    static final Duration TARGET_REFRESH = Duration.ofMinutes(1);

    private final FunnelConfig config;
    private final WeeklyReview weeklyReview;
    private final Duration timerInterval;
    private ProcessorContext<SpecificRecord, SpecificRecord> context;
    private KeyValueStore<Bytes, byte[]> totals;
    private ConversionDropWatch drops;
    private RaisedAlerts raised;
    /** The week containing now when the reviews were last emitted (partition 0). */
    private Period currentWeek;
    /**
     * Stream time of the cell deltas (the latest event time they carry): the clock that closes weeks.
     * Kept here rather than read from the task, whose stream time could include other sources.
     */
    private long weekClock = -1;
    private long timestamp;
    private long lastTargetRefresh = Long.MIN_VALUE;
    /** First and last week holding facts; null when unknown (recomputed from the store). */
    private Period[] weekRange;

    CellAggregator(FunnelConfig config, Duration timerInterval) {
        this.config = config;
        this.weeklyReview = new WeeklyReview(config);
        this.timerInterval = timerInterval;
    }

    @Override
    public void init(ProcessorContext<SpecificRecord, SpecificRecord> context) {
        this.context = context;
        this.totals = context.getStateStore(StoreNames.CELL_TOTALS);
        this.weekRange = null;
        this.drops = null;
        if (CellPartitioner.ownsWeeksAndTargets(context.taskId().partition())) {
            this.drops = new ConversionDropWatch(config, context.getStateStore(StoreNames.CLOSED_WEEKS));
            this.raised = new RaisedAlerts(context.metrics(), context.taskId().toString(), "cell-totals",
                    List.of(AlertType.CONVERSION_DROP));
            this.currentWeek = week(now());
            // The week containing now moves with the wall clock, and with it the review holding stalledNow.
            context.schedule(timerInterval, PunctuationType.WALL_CLOCK_TIME, this::weekRollover);
            if (!config.targets().isEmpty()) {
                // Targets with no reach yet still have a record (actual 0), and expectedByNow moves with the clock.
                context.schedule(Duration.ofSeconds(1), PunctuationType.WALL_CLOCK_TIME, this::refreshTargets);
            }
        }
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void process(Record<byte[], byte[]> record) {
        CellKey<?> key = CellCodec.decodeKey(record.key());
        Counter delta = CellCodec.decodeCounter(record.value());
        Counter old = get(key);
        Counter sum = old == null ? delta : (Counter) old.plus(delta);
        if (sum.isZero()) {
            totals.delete(Bytes.wrap(record.key()));
            sum = null;
        } else {
            totals.put(Bytes.wrap(record.key()), CellCodec.encodeCounter(sum));
        }
        timestamp = record.timestamp();
        Instant now = now();
        if (key instanceof StageFlowKey k) {
            StageFlowCounts c = (StageFlowCounts) sum;
            emit(OutputRecords.key(k), c == null ? null : OutputRecords.value(StageFlowValue.of(c)));
            long oldLost = old == null ? 0 : ((StageFlowCounts) old).lost();
            if (oldLost != (c == null ? 0 : c.lost())) {
                for (String reason : LossReason.CODES) {
                    LossReasonKey lk = new LossReasonKey(k.period(), k.dimension(), k.dimensionValue(), k.stage(), reason);
                    Count n = get(lk);
                    if (n != null) {
                        emitLossReason(lk, n, c == null ? 0 : c.lost());
                    }
                }
            }
        } else if (key instanceof LossReasonKey k) {
            StageFlowCounts stage = get(k.stageFlowKey());
            emitLossReason(k, (Count) sum, stage == null ? 0 : stage.lost());
        } else if (key instanceof ConversionKey k) {
            ConversionCounts c = (ConversionCounts) sum;
            emit(OutputRecords.key(k), c == null ? null : OutputRecords.value(ConversionValue.of(k, c, config, now)));
        } else if (key instanceof ChannelCostKey k) {
            ChannelCounts c = (ChannelCounts) sum;
            emit(OutputRecords.key(k), c == null ? null : OutputRecords.value(ChannelCostValue.of(c)));
        } else if (key instanceof SnapshotKey k) {
            emitSnapshot(k, (Count) sum, now);
        } else if (key instanceof StalledKey k) {
            emitSnapshot(k.snapshotKey(), get(k.snapshotKey()), now);
        } else if (key instanceof TargetKey k) {
            emitTarget(k, now);
        } else if (key instanceof WeekKey k) {
            weekChanged(k.week(), (WeekCounts) old, (WeekCounts) sum);
            if (drops != null) {
                ConversionDropWatch.Change change = drops.weekChanged(k.week(), orZero((WeekCounts) old),
                        orZero((WeekCounts) sum), w -> orZero(get(new WeekKey(w))), now);
                change.raise().forEach(this::emitAlert);
                for (int i = 0; i < change.newlyRaised(); i++) {
                    raised.record(AlertType.CONVERSION_DROP);
                }
                change.retract().forEach(id -> emit(AlertRecords.key(id), null));
            }
        } else if (key instanceof StalledNowKey) {
            Period[] covered = covered(range(), currentWeek);
            reemitWeeks(covered, covered, Set.of(currentWeek));
        }
        if (drops != null) {
            weekClock = Math.max(weekClock, record.timestamp());
            Period[] weeks = range();
            for (Alert a : drops.close(weekClock, weeks == null ? null : weeks[0],
                    w -> orZero(get(new WeekKey(w))), now)) {
                raised.record(a.type());
                emitAlert(a);
            }
        }
    }

    /** active from the snapshot cell, stalled from the alert timers' stalled cell. */
    private void emitSnapshot(SnapshotKey k, Count active, Instant now) {
        Count stalled = get(new StalledKey(k.dimension(), k.dimensionValue(), k.stage()));
        emit(OutputRecords.key(k), active == null || active.n() <= 0 ? null
                : OutputRecords.value(new StageSnapshotValue(active.n(), stalled == null ? 0 : stalled.n(), now)));
    }

    private void emitAlert(Alert alert) {
        emit(AlertRecords.key(alert.alertId()), AlertRecords.value(alert));
    }

    private void weekRollover(long wallClock) {
        Period now = week(Instant.ofEpochMilli(wallClock));
        if (now.equals(currentWeek)) {
            return;
        }
        timestamp = Math.max(0, context.currentStreamTimeMs());
        Period[] before = covered(range(), currentWeek);
        Period previous = currentWeek;
        currentWeek = now;
        reemitWeeks(before, covered(range(), now), Set.of(previous, now));
    }

    private void emitLossReason(LossReasonKey k, Count count, long stageLosses) {
        emit(OutputRecords.key(k), count == null ? null
                : OutputRecords.value(LossReasonValue.of(count.n(), stageLosses)));
    }

    private void emitTarget(TargetKey k, Instant now) {
        Long goal = config.targets().getOrDefault(k.period().label(), Map.of()).get(k.stage());
        if (goal == null) {
            return;
        }
        Count actual = get(k);
        long n = actual == null ? 0 : actual.n();
        emit(OutputRecords.key(k), goal == 0 && n == 0 ? null : OutputRecords.value(
                TargetProgressValue.of(k.period(), goal, n, config.timezone(), now)));
    }

    private void refreshTargets(long wallClock) {
        if (lastTargetRefresh != Long.MIN_VALUE && wallClock - lastTargetRefresh < TARGET_REFRESH.toMillis()) {
            return;
        }
        lastTargetRefresh = wallClock;
        timestamp = Math.max(0, context.currentStreamTimeMs());
        Instant now = Instant.ofEpochMilli(wallClock);
        config.targets().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(t -> {
            Period period = Period.parse(t.getKey());
            for (String stage : config.stageIds()) {
                if (t.getValue().containsKey(stage)) {
                    emitTarget(new TargetKey(period, stage), now);
                }
            }
        });
    }

    /**
     * Week w's review reads weeks w and w-1, so a change of w re-emits w and w+1. When the range of
     * weeks with facts grows, the weeks it gains are emitted (also empty ones: the review has no
     * gaps); when it shrinks, the weeks it loses are deleted.
     */
    private void weekChanged(Period week, WeekCounts old, WeekCounts now) {
        if (currentWeek == null) {
            currentWeek = week(now());
        }
        Period[] before = covered(range(), currentWeek);
        boolean hadFacts = old != null && old.facts() > 0;
        boolean hasFacts = now != null && now.facts() > 0;
        if (hadFacts != hasFacts) {
            weekRange = scanRange();
        }
        reemitWeeks(before, covered(range(), currentWeek), Set.of(week, week.next()));
    }

    /**
     * Emits the reviews of {@code weeks}, of the weeks the covered range gained and deletes those
     * it lost. The range covers the weeks holding facts extended to the week containing now, which
     * carries stalledNow (SPEC section 8).
     */
    private void reemitWeeks(Period[] before, Period[] after, Set<Period> weeks) {
        TreeSet<Period> emit = new TreeSet<>(weeks);
        if (after != null) {
            for (Period w = after[0]; w.compareTo(after[1]) <= 0; w = w.next()) {
                if (!within(w, before)) {
                    emit.add(w);
                }
            }
        }
        if (before != null) {
            for (Period w = before[0]; w.compareTo(before[1]) <= 0; w = w.next()) {
                if (!within(w, after)) {
                    emit.add(w);
                }
            }
        }
        for (Period w : emit) {
            WeekKey key = new WeekKey(w);
            if (!within(w, after)) {
                if (within(w, before)) {
                    emit(OutputRecords.key(key), null);
                }
                continue;
            }
            WeekCounts c = orZero(get(key));
            WeekCounts prev = orZero(get(new WeekKey(w.previous())));
            Long stalledNow = null;
            if (w.equals(currentWeek)) {
                Count n = get(StalledNowKey.INSTANCE);
                stalledNow = n == null ? 0L : n.n();
            }
            emit(OutputRecords.key(key), OutputRecords.value(weeklyReview.value(c, prev, stalledNow)));
        }
    }

    private Period week(Instant instant) {
        return Periods.of(instant, PeriodKind.WEEK, config.timezone());
    }

    private static Period[] covered(Period[] facts, Period current) {
        if (facts == null || current == null) {
            return facts;
        }
        return new Period[] {facts[0].compareTo(current) <= 0 ? facts[0] : current,
                facts[1].compareTo(current) >= 0 ? facts[1] : current};
    }

    private Period[] range() {
        if (weekRange == null) {
            weekRange = scanRange();
        }
        return weekRange.length == 0 ? null : weekRange;
    }

    private Period[] scanRange() {
        List<Period> weeks = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = totals.prefixScan(Bytes.wrap(CellCodec.weekPrefix()),
                new BytesSerializer())) {
            it.forEachRemaining(kv -> {
                WeekCounts c = (WeekCounts) CellCodec.decodeCounter(kv.value);
                if (c.facts() > 0) {
                    weeks.add(((WeekKey) CellCodec.decodeKey(kv.key.get())).week());
                }
            });
        }
        if (weeks.isEmpty()) {
            return new Period[0];
        }
        weeks.sort(null);
        return new Period[] {weeks.get(0), weeks.get(weeks.size() - 1)};
    }

    private static boolean within(Period w, Period[] range) {
        return range != null && w.compareTo(range[0]) >= 0 && w.compareTo(range[1]) <= 0;
    }

    private static WeekCounts orZero(WeekCounts c) {
        return c == null ? WeekCounts.ZERO : c;
    }

    @SuppressWarnings("unchecked")
    private <C extends Counter<C>> C get(CellKey<C> key) {
        byte[] bytes = totals.get(Bytes.wrap(CellCodec.encodeKey(key)));
        return bytes == null ? null : (C) CellCodec.decodeCounter(bytes);
    }

    private Instant now() {
        return Instant.ofEpochMilli(context.currentSystemTimeMs());
    }

    private void emit(SpecificRecord key, SpecificRecord value) {
        context.forward(new Record<>(key, value, timestamp));
    }

    @Override
    public void close() {
        if (raised != null) {
            raised.close();
        }
    }
}
