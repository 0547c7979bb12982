package dev.funnelstreams.streams.topology;

import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.metrics.CellKey;
import dev.funnelstreams.core.metrics.Count;
import dev.funnelstreams.core.metrics.Counter;
import dev.funnelstreams.core.metrics.SnapshotKey;
import dev.funnelstreams.core.metrics.StalledNowKey;
import dev.funnelstreams.core.metrics.TargetKey;
import dev.funnelstreams.core.metrics.WeekCounts;
import dev.funnelstreams.core.metrics.WeekKey;
import dev.funnelstreams.core.metrics.Amount;
import dev.funnelstreams.core.metrics.ReviewCounts;
import dev.funnelstreams.core.metrics.ReviewKey;
import dev.funnelstreams.core.metrics.TargetValueKey;
import dev.funnelstreams.core.metrics.view.CellTable;
import dev.funnelstreams.core.metrics.view.OutputRecord;
import dev.funnelstreams.core.metrics.view.OutputTopic;
import dev.funnelstreams.core.metrics.view.PeriodReview;
import dev.funnelstreams.core.metrics.view.TargetProgressKey;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.LinkedHashMap;
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
 * <p>A cell-table cell's record (and the records that read it, such as a loss reason's share) is
 * rendered once per commit, just before it ({@link PreCommit}), from the totals then, however many
 * deltas changed it since the last commit: the same latest value per key as rendering on every
 * change, without the intermediate records. Nothing is held across a commit.
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
    /** The weeks the weekly review covers (partition 0). */
    private CoveredPeriods weeks;
    /** Per MONTH, QUARTER and YEAR kind configured: the periods the period review covers (partition 0). */
    private final Map<PeriodKind, CoveredPeriods> reviews = new EnumMap<>(PeriodKind.class);
    private final PeriodReview periodReview;
    private final CellTable table;
    /**
     * Stream time of the cell deltas (the latest event time they carry): the clock that closes weeks.
     * Kept here rather than read from the task, whose stream time could include other sources.
     */
    private long weekClock = -1;
    private long timestamp;
    private long lastTargetRefresh = Long.MIN_VALUE;
    /**
     * The cell-table cells changed since the last commit, in order: true for a cell whose own total
     * changed (rendered even when empty: its tombstone), false for one only read by a changed cell.
     */
    private final Map<CellKey<?>, Boolean> dirty = new LinkedHashMap<>();

    CellAggregator(FunnelConfig config, Duration timerInterval) {
        this.config = config;
        this.weeklyReview = new WeeklyReview(config);
        this.periodReview = new PeriodReview(config);
        this.table = new CellTable(config);
        this.timerInterval = timerInterval;
    }

    @Override
    public void init(ProcessorContext<SpecificRecord, SpecificRecord> context) {
        this.context = context;
        this.totals = context.getStateStore(StoreNames.CELL_TOTALS);
        // A revived task (Kafka Streams reuses its processors) starts as a new one: the week clock comes
        // back from the deltas it reads, not from records processed before the revival and not committed.
        dirty.clear();
        weekClock = -1;
        timestamp = 0;
        lastTargetRefresh = Long.MIN_VALUE;
        PreCommit.register(context, StoreNames.CELL_TOTALS, this::renderDirty);
        this.weeks = new CoveredPeriods(period(PeriodKind.WEEK, now()), () -> scan(CellCodec.weekPrefix(),
                (k, c) -> ((WeekCounts) c).facts() > 0 ? ((WeekKey) k).week() : null));
        reviews.clear();
        for (PeriodKind kind : periodReview.kinds()) {
            reviews.put(kind, new CoveredPeriods(period(kind, now()), () -> scan(CellCodec.reviewPrefix(),
                    (k, c) -> ((ReviewKey) k).period().kind() == kind && ((ReviewCounts) c).facts() > 0
                            ? ((ReviewKey) k).period() : null)));
        }
        this.drops = null;
        if (CellPartitioner.ownsWeeksAndTargets(context.taskId().partition())) {
            this.drops = new ConversionDropWatch(config, context.getStateStore(StoreNames.CLOSED_WEEKS));
            this.raised = new RaisedAlerts(context.metrics(), context.taskId().toString(), "cell-totals",
                    List.of(AlertType.CONVERSION_DROP));
            // The week containing now moves with the wall clock, and with it the review holding stalledNow;
            // so do the month, quarter and year containing now, which the period review covers.
            context.schedule(timerInterval, PunctuationType.WALL_CLOCK_TIME, this::rollover);
            if (!config.targetPeriods().isEmpty()) {
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
        if (table.entry(key).rendered()) {
            // the cell's own record and the records that read it, as the core's cell table renders them
            dirty.put(key, Boolean.TRUE);
            for (CellKey<?> dependent : table.dependents(key, old, sum)) {
                dirty.putIfAbsent(dependent, Boolean.FALSE);
            }
            if (dirty.size() >= PreCommit.MAX_HELD) {
                renderDirty();
            }
        } else if (key instanceof TargetKey k) {
            emitTarget(k.period(), k.stage(), now);
        } else if (key instanceof TargetValueKey k) {
            emitValueTarget(k.period(), now);
        } else if (key instanceof ReviewKey k) {
            CoveredPeriods covered = reviews.get(k.period().kind());
            if (covered != null) {
                emitReviews(covered.changed(k.period(), facts((ReviewCounts) old) > 0, facts((ReviewCounts) sum) > 0));
            }
        } else if (key instanceof WeekKey k) {
            emitWeeks(weeks.changed(k.week(), old != null && ((WeekCounts) old).facts() > 0,
                    sum != null && ((WeekCounts) sum).facts() > 0));
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
            emitWeeks(weeks.refresh(weeks.current()));
        }
        if (drops != null) {
            weekClock = Math.max(weekClock, record.timestamp());
            for (Alert a : drops.close(weekClock, weeks.firstWithFacts(),
                    w -> orZero(get(new WeekKey(w))), now)) {
                raised.record(a.type());
                emitAlert(a);
            }
        }
    }

    /** Renders the cells changed since the last commit from their totals now. */
    private void renderDirty() {
        if (dirty.isEmpty()) {
            return;
        }
        Instant now = now();
        dirty.forEach((key, own) -> {
            Counter<?> cell = get(key);
            if (own || cell != null || key instanceof SnapshotKey) {
                emitCell(key, cell, now);
            }
        });
        dirty.clear();
    }

    /** A cell-table cell's record, or its tombstone when the cell is empty or renders none. */
    private void emitCell(CellKey<?> key, Counter<?> cell, Instant now) {
        OutputTopic topic = table.entry(key).topic();
        if (topic == null) {
            return;
        }
        OutputRecord r = table.render(key, cell, this::get, now);
        emit(topic, key, r == null ? null : r.value());
    }

    private void emitAlert(Alert alert) {
        emit(AlertRecords.key(alert.alertId()), AlertRecords.value(alert));
    }

    private void rollover(long wallClock) {
        Instant now = Instant.ofEpochMilli(wallClock);
        timestamp = Math.max(0, context.currentStreamTimeMs());
        emitWeeks(weeks.rollover(period(PeriodKind.WEEK, now)));
        reviews.forEach((kind, covered) -> emitReviews(covered.rollover(period(kind, now))));
    }

    private void emitTarget(Period period, String stage, Instant now) {
        Long goal = config.targets().getOrDefault(period.label(), Map.of()).get(stage);
        if (goal == null) {
            return;
        }
        Count actual = get(new TargetKey(period, stage));
        long n = actual == null ? 0 : actual.n();
        emit(OutputTopic.TARGET_PROGRESS, new TargetProgressKey(period, stage, TargetProgressKey.REACHED),
                goal == 0 && n == 0 ? null : TargetProgressValue.of(period, goal, n, config.timezone(), now));
    }

    private void emitValueTarget(Period period, Instant now) {
        BigDecimal goal = config.valueTargets().get(period.label());
        if (goal == null) {
            return;
        }
        Amount actual = get(new TargetValueKey(period));
        BigDecimal value = actual == null ? Amount.ZERO.value() : actual.value();
        emit(OutputTopic.TARGET_PROGRESS,
                new TargetProgressKey(period, config.wonStage().id(), TargetProgressKey.WON_VALUE),
                goal.signum() == 0 && value.signum() == 0 ? null
                        : TargetProgressValue.ofValue(period, goal, value, config.timezone(), now));
    }

    private void refreshTargets(long wallClock) {
        if (lastTargetRefresh != Long.MIN_VALUE && wallClock - lastTargetRefresh < TARGET_REFRESH.toMillis()) {
            return;
        }
        lastTargetRefresh = wallClock;
        timestamp = Math.max(0, context.currentStreamTimeMs());
        Instant now = Instant.ofEpochMilli(wallClock);
        for (String label : config.targetPeriods()) {
            Period period = Period.parse(label);
            for (String stage : config.stageIds()) {
                emitTarget(period, stage, now);
            }
            emitValueTarget(period, now);
        }
    }

    /** Writes and deletes weekly reviews; the week containing now carries stalledNow (SPEC section 8). */
    private void emitWeeks(CoveredPeriods.Emission e) {
        for (Period w : e.write()) {
            Long stalledNow = null;
            if (w.equals(weeks.current())) {
                Count n = get(StalledNowKey.INSTANCE);
                stalledNow = n == null ? 0L : n.n();
            }
            emit(OutputTopic.WEEKLY_REVIEW, new WeekKey(w), weeklyReview.value(
                    orZero(get(new WeekKey(w))), orZero(get(new WeekKey(w.previous()))), stalledNow));
        }
        e.delete().forEach(w -> emit(OutputTopic.WEEKLY_REVIEW, new WeekKey(w), null));
    }

    /** Writes and deletes period reviews (SPEC section 9). */
    private void emitReviews(CoveredPeriods.Emission e) {
        for (Period p : e.write()) {
            ReviewCounts c = get(new ReviewKey(p));
            ReviewCounts prev = get(new ReviewKey(p.previous()));
            emit(OutputTopic.PERIOD_REVIEW, new ReviewKey(p), periodReview.value(
                    c == null ? ReviewCounts.ZERO : c, prev == null ? ReviewCounts.ZERO : prev));
        }
        e.delete().forEach(p -> emit(OutputTopic.PERIOD_REVIEW, new ReviewKey(p), null));
    }

    /** The periods of the cells under {@code prefix} that {@code select} maps to a period (null: skip). */
    private List<Period> scan(byte[] prefix, java.util.function.BiFunction<CellKey<?>, Counter<?>, Period> select) {
        List<Period> out = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = totals.prefixScan(Bytes.wrap(prefix), new BytesSerializer())) {
            it.forEachRemaining(kv -> {
                Period p = select.apply(CellCodec.decodeKey(kv.key.get()), CellCodec.decodeCounter(kv.value));
                if (p != null) {
                    out.add(p);
                }
            });
        }
        return out;
    }

    private Period period(PeriodKind kind, Instant instant) {
        return Periods.of(instant, kind, config.timezone());
    }

    private static long facts(ReviewCounts c) {
        return c == null ? 0 : c.facts();
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

    /** A core key and value (null: a tombstone) of {@code topic}, as its Avro records. */
    private void emit(OutputTopic topic, Object key, Object value) {
        emit(OutputRecords.key(topic, key), OutputRecords.value(topic, value));
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
