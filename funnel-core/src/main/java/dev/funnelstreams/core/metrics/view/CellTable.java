package dev.funnelstreams.core.metrics.view;

import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.config.StageDef;
import dev.funnelstreams.core.event.LossReason;
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
import dev.funnelstreams.core.metrics.SalesKpiCounts;
import dev.funnelstreams.core.metrics.SalesKpiKey;
import dev.funnelstreams.core.metrics.SnapshotKey;
import dev.funnelstreams.core.metrics.StageFlowCounts;
import dev.funnelstreams.core.metrics.StageFlowKey;
import dev.funnelstreams.core.metrics.StalledKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cell types whose output records are read off cells alone: for each, the output topic, how a
 * cell renders to its record, and which other cells' records read it (a loss-reason share reads
 * its stage's losses; a snapshot reads its stalled count). The batch report ({@link MetricsView}),
 * the topology's aggregator and the HTTP API all render these topics through this table, so each
 * rule is written once. Cells whose records depend on a range of periods or on the clock alone (the
 * weekly and period reviews, targets) are rendered by their own classes.
 */
public final class CellTable {

    /** Read access to summed cells: null when a cell is empty. */
    public interface Cells {
        <C extends Counter<C>> C get(CellKey<C> key);
    }

    /** Renders a cell: the value record, or null when the cell has no record (its topic's tombstone). */
    @FunctionalInterface
    interface Renderer<K extends CellKey<C>, C extends Counter<C>> {
        Object value(K key, C cell, Cells cells, Instant now);
    }

    /** The cells whose records read a cell, given its counter before and after a change (null: empty). */
    @FunctionalInterface
    interface Dependents<K extends CellKey<C>, C extends Counter<C>> {
        List<CellKey<?>> of(K key, C before, C after);
    }

    /**
     * One cell type.
     *
     * @param topic null for a cell that has no record of its own and only feeds others (stalled counts)
     */
    public record Entry<K extends CellKey<C>, C extends Counter<C>>(Class<K> keyType, OutputTopic topic,
            Renderer<K, C> renderer, Dependents<K, C> dependents) {
    }

    @SuppressWarnings("rawtypes")
    private static final Dependents NONE = (Dependents) (k, b, a) -> List.of();

    private final Map<Class<?>, Entry<?, ?>> entries = new LinkedHashMap<>();

    public CellTable(FunnelConfig config) {
        add(new Entry<>(StageFlowKey.class, OutputTopic.STAGE_FLOW,
                (k, c, cells, now) -> StageFlowValue.of(c),
                // the loss-reason shares of the stage divide by its losses
                (k, before, after) -> lost(before) == lost(after) ? List.of() : lossReasons(k)));
        add(new Entry<>(ConversionKey.class, OutputTopic.CONVERSIONS,
                (ConversionKey k, ConversionCounts c, Cells cells, Instant now) -> ConversionValue.of(k, c, config, now),
                none()));
        add(new Entry<>(LossReasonKey.class, OutputTopic.LOSS_REASONS,
                (k, c, cells, now) -> LossReasonValue.of(c.n(), lost(cells.get(k.stageFlowKey()))), none()));
        add(new Entry<>(ChannelCostKey.class, OutputTopic.CHANNEL_COSTS,
                (ChannelCostKey k, ChannelCounts c, Cells cells, Instant now) -> ChannelCostValue.of(c), none()));
        add(new Entry<>(SnapshotKey.class, OutputTopic.STAGE_SNAPSHOT, (SnapshotKey k, Count active, Cells cells,
                Instant now) -> {
            if (active.n() <= 0) {
                return null;
            }
            Count stalled = cells.get(new StalledKey(k.dimension(), k.dimensionValue(), k.stage()));
            return new StageSnapshotValue(active.n(), stalled == null ? 0 : stalled.n(), now);
        }, none()));
        add(new Entry<>(StalledKey.class, null, null,
                (StalledKey k, Count before, Count after) -> List.of(k.snapshotKey())));
        add(new Entry<>(PipelineKey.class, OutputTopic.PIPELINE,
                (PipelineKey k, PipelineCounts c, Cells cells, Instant now) -> c.openLeads() <= 0 ? null
                        : PipelineValue.of(c, config.stage(k.stage()).flatMap(StageDef::probability).orElse(null)),
                none()));
        add(new Entry<>(SalesKpiKey.class, OutputTopic.SALES_KPIS,
                (SalesKpiKey k, SalesKpiCounts c, Cells cells, Instant now) ->
                        c.opportunities() == 0 && c.won() == 0 && c.lost() == 0 ? null : SalesKpiValue.of(c),
                none()));
    }

    /** The entry of {@code key}'s type; null for the types rendered elsewhere. */
    @SuppressWarnings("unchecked")
    public <K extends CellKey<C>, C extends Counter<C>> Entry<K, C> entry(CellKey<C> key) {
        return (Entry<K, C>) entries.get(key.getClass());
    }

    /** The entries with an output topic, in table order. */
    public List<Entry<?, ?>> topics() {
        List<Entry<?, ?>> out = new ArrayList<>();
        entries.values().stream().filter(e -> e.topic() != null).forEach(out::add);
        return out;
    }

    /** The record of {@code key}'s cell; null when the cell is empty or has no record. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public OutputRecord render(CellKey<?> key, Counter<?> cell, Cells cells, Instant now) {
        Entry e = entries.get(key.getClass());
        if (e == null || e.topic() == null || cell == null) {
            return null;
        }
        Object value = e.renderer().value(key, cell, cells, now);
        return value == null ? null : new OutputRecord(e.topic(), key, value);
    }

    /** The cells whose records read {@code key}'s cell, when it changed from {@code before} to {@code after}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public List<CellKey<?>> dependents(CellKey<?> key, Counter<?> before, Counter<?> after) {
        Entry e = entries.get(key.getClass());
        return e == null ? List.of() : e.dependents().of(key, before, after);
    }

    private void add(Entry<?, ?> entry) {
        entries.put(entry.keyType(), entry);
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
