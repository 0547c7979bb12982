package dev.funnelstreams.core.metrics.view;

import dev.funnelstreams.core.alert.Alert;
import dev.funnelstreams.core.alert.AlertEvaluator;
import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.lead.LeadState;
import dev.funnelstreams.core.metrics.CellTotals;
import dev.funnelstreams.core.metrics.ChannelCostKey;
import dev.funnelstreams.core.metrics.ConversionKey;
import dev.funnelstreams.core.metrics.Count;
import dev.funnelstreams.core.metrics.DimensionSlice;
import dev.funnelstreams.core.metrics.LossReasonKey;
import dev.funnelstreams.core.metrics.SnapshotKey;
import dev.funnelstreams.core.metrics.StageFlowKey;
import dev.funnelstreams.core.metrics.TargetKey;
import dev.funnelstreams.core.metrics.WeekKey;
import dev.funnelstreams.core.metrics.CellKey;
import dev.funnelstreams.core.metrics.Counter;
import dev.funnelstreams.core.metrics.StalledKey;
import dev.funnelstreams.core.metrics.Amount;
import dev.funnelstreams.core.metrics.PipelineKey;
import dev.funnelstreams.core.metrics.ReviewKey;
import dev.funnelstreams.core.metrics.SalesKpiKey;
import dev.funnelstreams.core.metrics.TargetValueKey;
import java.math.BigDecimal;
import dev.funnelstreams.core.period.Period;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Turns summed cells and the current lead states into the records of every output topic at a
 * given "now" (SPEC sections 4 and 5). Each record is built by the per-record factories
 * ({@code StageFlowValue.of} ...) that the streaming app calls cell by cell.
 */
public final class MetricsView {

    private final FunnelConfig config;
    private final AlertEvaluator alerts;
    private final WeeklyReview weeklyReview;
    private final PeriodReview periodReview;
    private final CellTable table;

    public MetricsView(FunnelConfig config) {
        this.config = config;
        this.alerts = new AlertEvaluator(config);
        this.weeklyReview = new WeeklyReview(config);
        this.periodReview = new PeriodReview(config);
        this.table = new CellTable(config);
    }

    /** The cell table this view renders with. */
    public CellTable table() {
        return table;
    }

    /** All topics; {@code leads} are the replayed leads (those that never entered the funnel are skipped). */
    public Map<OutputTopic, List<OutputRecord>> render(CellTotals cells, Collection<LeadState> leads, Instant now) {
        return render(cells, leads, now, Runnable::run);
    }

    /**
     * {@link #render(CellTotals, Collection, Instant)} with each topic rendered as a task on {@code executor} (the
     * batch report's workers). The topics only read {@code cells} and {@code leads}, which nothing changes meanwhile.
     */
    public Map<OutputTopic, List<OutputRecord>> render(CellTotals cells, Collection<LeadState> leads, Instant now,
            Executor executor) {
        Map<OutputTopic, Supplier<List<OutputRecord>>> topics = new EnumMap<>(OutputTopic.class);
        for (CellTable.Entry<?, ?> e : table.topics()) {
            topics.put(e.topic(), () -> fromTable(e.keyType(), cells, new WithStalled(cells, leads, now), now));
        }
        topics.put(OutputTopic.TARGET_PROGRESS, () -> targetProgress(cells, now));
        topics.put(OutputTopic.WEEKLY_REVIEW, () -> weeklyReview(cells, leads, now));
        topics.put(OutputTopic.PERIOD_REVIEW, () -> periodReview.records(cells.cells(ReviewKey.class), now));
        topics.put(OutputTopic.LEAD_STATE, () -> leadState(leads));
        topics.put(OutputTopic.ALERTS, () -> alerts(cells, leads, now));
        Map<OutputTopic, CompletableFuture<List<OutputRecord>>> started = new EnumMap<>(OutputTopic.class);
        topics.forEach((topic, records) -> started.put(topic, CompletableFuture.supplyAsync(records, executor)));
        Map<OutputTopic, List<OutputRecord>> out = new EnumMap<>(OutputTopic.class);
        started.forEach((topic, records) -> out.put(topic, join(records)));
        return out;
    }

    /** The task's records, or what it threw, as it threw it. */
    private static List<OutputRecord> join(CompletableFuture<List<OutputRecord>> records) {
        try {
            return records.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    public List<OutputRecord> stageFlow(CellTotals cells) {
        return fromTable(StageFlowKey.class, cells, cells::get, null);
    }

    public List<OutputRecord> conversions(CellTotals cells, Instant now) {
        return fromTable(ConversionKey.class, cells, cells::get, now);
    }

    public List<OutputRecord> lossReasons(CellTotals cells) {
        return fromTable(LossReasonKey.class, cells, cells::get, null);
    }

    public List<OutputRecord> channelCosts(CellTotals cells) {
        return fromTable(ChannelCostKey.class, cells, cells::get, null);
    }

    /** The snapshot at {@code now}, its stalled counts computed from the leads ({@link WithStalled}). */
    public List<OutputRecord> stageSnapshot(CellTotals cells, Collection<LeadState> leads, Instant now) {
        return fromTable(SnapshotKey.class, cells, new WithStalled(cells, leads, now), now);
    }

    public List<OutputRecord> pipeline(CellTotals cells) {
        return fromTable(PipelineKey.class, cells, cells::get, null);
    }

    public List<OutputRecord> salesKpis(CellTotals cells) {
        return fromTable(SalesKpiKey.class, cells, cells::get, null);
    }

    /** The records of every cell of one type the cell table renders, in key order. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private List<OutputRecord> fromTable(Class<? extends CellKey> type, CellTotals cells, CellTable.Cells lookup,
            Instant now) {
        List<OutputRecord> out = new ArrayList<>();
        ((Map<CellKey<?>, Counter<?>>) (Map) cells.cells((Class) type)).forEach((k, c) -> {
            OutputRecord r = table.render(k, c, lookup, now);
            if (r != null) {
                out.add(r);
            }
        });
        return out;
    }

    /**
     * The summed cells, and the stalled counts at {@code now}: a batch has no alert timers, so they are computed from
     * the leads, on the first read of one (only the snapshot's renderer reads them), as the topology's stalled cells.
     */
    private final class WithStalled implements CellTable.Cells {

        private final CellTotals cells;
        private final Collection<LeadState> leads;
        private final Instant now;
        private Map<StalledKey, Count> stalled;

        WithStalled(CellTotals cells, Collection<LeadState> leads, Instant now) {
            this.cells = cells;
            this.leads = leads;
            this.now = now;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <C extends Counter<C>> C get(CellKey<C> key) {
            return key instanceof StalledKey k ? (C) stalled().get(k) : cells.get(key);
        }

        private Map<StalledKey, Count> stalled() {
            if (stalled == null) {
                stalled = new HashMap<>();
                for (LeadState lead : leads) {
                    if (alerts.isStalled(lead, now)) {
                        for (DimensionSlice s : DimensionSlice.of(lead.dims(), config)) {
                            stalled.merge(new StalledKey(s.dimension(), s.dimensionValue(), lead.stage()), Count.ONE,
                                    Count::plus);
                        }
                    }
                }
            }
            return stalled;
        }
    }

    public List<OutputRecord> targetProgress(CellTotals cells, Instant now) {
        List<OutputRecord> out = new ArrayList<>();
        for (String label : config.targetPeriods()) {
            Period period = Period.parse(label);
            Map<String, Long> counts = config.targets().getOrDefault(label, Map.of());
            for (String stage : config.stageIds()) {
                Long goal = counts.get(stage);
                if (goal == null) {
                    continue;
                }
                long actual = cells.getOrZero(new TargetKey(period, stage), Count.ZERO).n();
                if (goal != 0 || actual != 0) {
                    out.add(new OutputRecord(OutputTopic.TARGET_PROGRESS,
                            new TargetProgressKey(period, stage, TargetProgressKey.REACHED),
                            TargetProgressValue.of(period, goal, actual, config.timezone(), now)));
                }
            }
            BigDecimal goal = config.valueTargets().get(label);
            if (goal != null) {
                BigDecimal actual = cells.getOrZero(new TargetValueKey(period), Amount.ZERO).value();
                if (goal.signum() != 0 || actual.signum() != 0) {
                    out.add(new OutputRecord(OutputTopic.TARGET_PROGRESS,
                            new TargetProgressKey(period, config.wonStage().id(), TargetProgressKey.WON_VALUE),
                            TargetProgressValue.ofValue(period, goal, actual, config.timezone(), now)));
                }
            }
        }
        return out;
    }

    public List<OutputRecord> weeklyReview(CellTotals cells, Collection<LeadState> leads, Instant now) {
        long stalledNow = leads.stream().filter(l -> alerts.isStalled(l, now)).count();
        return weeklyReview.records(cells.cells(WeekKey.class), now, stalledNow);
    }

    public List<OutputRecord> leadState(Collection<LeadState> leads) {
        return leads.stream()
                .filter(LeadState::enteredFunnel)
                .sorted(Comparator.comparing(LeadState::leadId))
                .map(l -> new OutputRecord(OutputTopic.LEAD_STATE, new LeadStateKey(l.leadId()), LeadStateValue.of(l)))
                .toList();
    }

    /** STALL and FOLLOW_UP_OVERDUE open at {@code now}, CONVERSION_DROP of the weeks closed by then. */
    public List<OutputRecord> alerts(CellTotals cells, Collection<LeadState> leads, Instant now) {
        List<OutputRecord> out = new ArrayList<>();
        for (LeadState lead : leads) {
            for (Alert a : alerts.openAt(lead, now)) {
                out.add(new OutputRecord(OutputTopic.ALERTS, a.key(), a));
            }
        }
        for (Alert a : alerts.conversionDrops(cells.cells(WeekKey.class), now)) {
            out.add(new OutputRecord(OutputTopic.ALERTS, a.key(), a));
        }
        return out;
    }
}
