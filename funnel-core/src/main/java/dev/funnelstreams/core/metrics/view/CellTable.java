package dev.funnelstreams.core.metrics.view;

import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.config.StageDef;
import dev.funnelstreams.core.event.LossReason;
import dev.funnelstreams.core.metrics.Amount;
import dev.funnelstreams.core.metrics.CellKey;
import dev.funnelstreams.core.metrics.ChannelCostKey;
import dev.funnelstreams.core.metrics.ChannelCounts;
import dev.funnelstreams.core.metrics.ConversionCounts;
import dev.funnelstreams.core.metrics.ConversionKey;
import dev.funnelstreams.core.metrics.Count;
import dev.funnelstreams.core.metrics.Counter;
import dev.funnelstreams.core.metrics.LossReasonKey;
import dev.funnelstreams.core.metrics.PipelineCounts;
import dev.funnelstreams.core.metrics.PipelineKey;
import dev.funnelstreams.core.metrics.ReviewCounts;
import dev.funnelstreams.core.metrics.ReviewKey;
import dev.funnelstreams.core.metrics.SalesKpiCounts;
import dev.funnelstreams.core.metrics.SalesKpiKey;
import dev.funnelstreams.core.metrics.SnapshotKey;
import dev.funnelstreams.core.metrics.StageFlowCounts;
import dev.funnelstreams.core.metrics.StageFlowKey;
import dev.funnelstreams.core.metrics.StalledKey;
import dev.funnelstreams.core.metrics.StalledNowKey;
import dev.funnelstreams.core.metrics.TargetKey;
import dev.funnelstreams.core.metrics.TargetValueKey;
import dev.funnelstreams.core.metrics.WeekCounts;
import dev.funnelstreams.core.metrics.WeekKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every cell type, one entry each: the stable binary tags of its key and counter (the streaming app's store and
 * repartition encoding), and, for the types whose output records are read off cells alone, the output topic, how a
 * cell renders to its record, and which other cells' records read it (a loss-reason share reads its stage's
 * losses; a snapshot reads its stalled count). The batch report ({@link MetricsView}), the topology's aggregator and
 * the HTTP API all render these topics through this table, so each rule is written once. Cells whose records
 * depend on a range of periods or on the configured targets (the weekly and period reviews, targets) are in the
 * table for their tags only and rendered by their own classes.
 */
public final class CellTable {

    /** Read access to summed cells: null when a cell is empty. */
    public interface Cells {
        <C extends Counter<C>> C get(CellKey<C> key);
    }

    /** Renders a cell: the value record, or null when the cell has no record (its topic's tombstone). */
    @FunctionalInterface
    interface Renderer<K extends CellKey<C>, C extends Counter<C>> {
        Object value(K key, C cell, Cells cells, FunnelConfig config, Instant now);
    }

    /** The cells whose records read a cell, given its counter before and after a change (null: empty). */
    @FunctionalInterface
    interface Dependents<K extends CellKey<C>, C extends Counter<C>> {
        List<CellKey<?>> of(K key, C before, C after);
    }

    /**
     * One cell type.
     *
     * @param tag        the first byte of the type's encoded keys: stable, never reused (stores and topics hold it)
     * @param counterTag the first byte of its encoded counters: the same for every type with this counter class
     * @param topic      the output topic of the records the table renders; null for a type rendered elsewhere
     *                   or one that only feeds others (stalled counts)
     * @param renderer   null exactly when {@code topic} is
     * @param dependents the cells whose records read this one; null for a type rendered elsewhere
     */
    public record Entry<K extends CellKey<C>, C extends Counter<C>>(int tag, Class<K> keyType, int counterTag,
            Class<C> counterType, OutputTopic topic, Renderer<K, C> renderer, Dependents<K, C> dependents) {

        /** True when the table renders this type's records, or those of the cells that read it. */
        public boolean rendered() {
            return dependents != null;
        }
    }

    @SuppressWarnings("rawtypes")
    private static final Dependents NONE = (Dependents) (k, b, a) -> List.of();

    private static final List<Entry<?, ?>> TYPES = List.of(
            withTopic(1, StageFlowKey.class, 1, StageFlowCounts.class, OutputTopic.STAGE_FLOW,
                    (k, c, cells, config, now) -> StageFlowValue.of(c),
                    // the loss-reason shares of the stage divide by its losses
                    (k, before, after) -> lost(before) == lost(after) ? List.of() : lossReasons(k)),
            withTopic(2, ConversionKey.class, 2, ConversionCounts.class, OutputTopic.CONVERSIONS,
                    (k, c, cells, config, now) -> ConversionValue.of(k, c, config, now), none()),
            withTopic(3, LossReasonKey.class, 3, Count.class, OutputTopic.LOSS_REASONS,
                    (k, c, cells, config, now) -> LossReasonValue.of(c.n(), lost(cells.get(k.stageFlowKey()))),
                    none()),
            withTopic(4, ChannelCostKey.class, 4, ChannelCounts.class, OutputTopic.CHANNEL_COSTS,
                    (k, c, cells, config, now) -> ChannelCostValue.of(c), none()),
            withTopic(5, SnapshotKey.class, 3, Count.class, OutputTopic.STAGE_SNAPSHOT, CellTable::snapshot, none()),
            elsewhere(6, TargetKey.class, 3, Count.class),      // MetricsView.targetProgress: per configured target
            elsewhere(7, WeekKey.class, 5, WeekCounts.class),   // WeeklyReview: a range of weeks
            new Entry<>(8, StalledKey.class, 3, Count.class, null, null,
                    (k, before, after) -> List.of(k.snapshotKey())),
            elsewhere(9, StalledNowKey.class, 3, Count.class),  // WeeklyReview: stalledNow of the current week
            withTopic(10, PipelineKey.class, 6, PipelineCounts.class, OutputTopic.PIPELINE,
                    (k, c, cells, config, now) -> c.openLeads() <= 0 ? null
                            : PipelineValue.of(c, config.stage(k.stage()).flatMap(StageDef::probability).orElse(null)),
                    none()),
            withTopic(11, SalesKpiKey.class, 7, SalesKpiCounts.class, OutputTopic.SALES_KPIS,
                    (k, c, cells, config, now) ->
                            c.opportunities() == 0 && c.won() == 0 && c.lost() == 0 ? null : SalesKpiValue.of(c),
                    none()),
            elsewhere(12, ReviewKey.class, 8, ReviewCounts.class),     // PeriodReview: a range of periods per kind
            elsewhere(13, TargetValueKey.class, 9, Amount.class));     // MetricsView.targetProgress: won value

    private static final List<Entry<?, ?>> RENDERED = TYPES.stream().filter(e -> e.topic() != null).toList();
    private static final Map<Class<?>, Entry<?, ?>> BY_KEY_TYPE = new HashMap<>();
    private static final Entry<?, ?>[] BY_TAG = new Entry<?, ?>[128];
    private static final Map<Class<?>, Integer> COUNTER_TAGS = new HashMap<>();
    private static final Class<?>[] COUNTER_BY_TAG = new Class<?>[128];

    static {
        for (Entry<?, ?> e : TYPES) {
            if (BY_KEY_TYPE.put(e.keyType(), e) != null || BY_TAG[e.tag()] != null) {
                throw new IllegalStateException("cell type " + e.keyType().getSimpleName() + " or tag " + e.tag()
                        + " twice");
            }
            BY_TAG[e.tag()] = e;
            Integer tag = COUNTER_TAGS.putIfAbsent(e.counterType(), e.counterTag());
            Class<?> type = COUNTER_BY_TAG[e.counterTag()];
            if ((tag != null && tag != e.counterTag()) || (type != null && type != e.counterType())) {
                throw new IllegalStateException("counter " + e.counterType().getSimpleName() + " or tag "
                        + e.counterTag() + " with two meanings");
            }
            COUNTER_BY_TAG[e.counterTag()] = e.counterType();
        }
    }

    private final FunnelConfig config;

    public CellTable(FunnelConfig config) {
        this.config = config;
    }

    /** Every cell type, in tag order. */
    public static List<Entry<?, ?>> types() {
        return TYPES;
    }

    /** The entry of a key type. */
    public static Entry<?, ?> type(Class<?> keyType) {
        Entry<?, ?> e = BY_KEY_TYPE.get(keyType);
        if (e == null) {
            throw new IllegalArgumentException("no cell type " + keyType.getName());
        }
        return e;
    }

    /** The entry of a key tag. */
    public static Entry<?, ?> typeOfTag(int tag) {
        Entry<?, ?> e = tag >= 0 && tag < BY_TAG.length ? BY_TAG[tag] : null;
        if (e == null) {
            throw new IllegalArgumentException("unknown cell key tag " + tag);
        }
        return e;
    }

    /** The tag of a counter class. */
    public static int counterTag(Class<?> counterType) {
        Integer tag = COUNTER_TAGS.get(counterType);
        if (tag == null) {
            throw new IllegalArgumentException("unknown counter " + counterType.getName());
        }
        return tag;
    }

    /** The counter class of a counter tag. */
    public static Class<?> counterOfTag(int tag) {
        Class<?> type = tag >= 0 && tag < COUNTER_BY_TAG.length ? COUNTER_BY_TAG[tag] : null;
        if (type == null) {
            throw new IllegalArgumentException("unknown counter tag " + tag);
        }
        return type;
    }

    /** The entry of {@code key}'s type. */
    @SuppressWarnings("unchecked")
    public <K extends CellKey<C>, C extends Counter<C>> Entry<K, C> entry(CellKey<C> key) {
        return (Entry<K, C>) type(key.getClass());
    }

    /** The entries whose records the table renders (those with an output topic), in table order. */
    public List<Entry<?, ?>> topics() {
        return RENDERED;
    }

    /** The record of {@code key}'s cell; null when the cell is empty or has no record. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public OutputRecord render(CellKey<?> key, Counter<?> cell, Cells cells, Instant now) {
        Entry e = type(key.getClass());
        if (e.topic() == null || cell == null) {
            return null;
        }
        Object value = e.renderer().value(key, cell, cells, config, now);
        return value == null ? null : new OutputRecord(e.topic(), key, value);
    }

    /** The cells whose records read {@code key}'s cell, when it changed from {@code before} to {@code after}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public List<CellKey<?>> dependents(CellKey<?> key, Counter<?> before, Counter<?> after) {
        Entry e = type(key.getClass());
        return e.dependents() == null ? List.of() : e.dependents().of(key, before, after);
    }

    private static <K extends CellKey<C>, C extends Counter<C>> Entry<K, C> withTopic(int tag, Class<K> keyType,
            int counterTag, Class<C> counterType, OutputTopic topic, Renderer<K, C> renderer,
            Dependents<K, C> dependents) {
        return new Entry<>(tag, keyType, counterTag, counterType, topic, renderer, dependents);
    }

    private static <K extends CellKey<C>, C extends Counter<C>> Entry<K, C> elsewhere(int tag, Class<K> keyType,
            int counterTag, Class<C> counterType) {
        return new Entry<>(tag, keyType, counterTag, counterType, null, null, null);
    }

    private static StageSnapshotValue snapshot(SnapshotKey k, Count active, Cells cells, FunnelConfig config,
            Instant now) {
        if (active.n() <= 0) {
            return null;
        }
        Count stalled = cells.get(new StalledKey(k.dimension(), k.dimensionValue(), k.stage()));
        return new StageSnapshotValue(active.n(), stalled == null ? 0 : stalled.n(), now);
    }

    @SuppressWarnings("unchecked")
    private static <K extends CellKey<C>, C extends Counter<C>> Dependents<K, C> none() {
        return (Dependents<K, C>) NONE;
    }

    private static long lost(StageFlowCounts c) {
        return c == null ? 0 : c.lost();
    }

    private static List<CellKey<?>> lossReasons(StageFlowKey k) {
        List<CellKey<?>> out = new ArrayList<>(LossReason.CODES.size());
        for (String reason : LossReason.CODES) {
            out.add(new LossReasonKey(k.period(), k.dimension(), k.dimensionValue(), k.stage(), reason));
        }
        return out;
    }
}
