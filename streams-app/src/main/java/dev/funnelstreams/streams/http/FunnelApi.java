package dev.funnelstreams.streams.http;

import dev.funnelstreams.core.config.Dimension;
import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.config.PeriodKind;
import dev.funnelstreams.core.metrics.ConversionKey;
import dev.funnelstreams.core.metrics.ConversionPair;
import dev.funnelstreams.core.metrics.LossReasonKey;
import dev.funnelstreams.core.metrics.Count;
import dev.funnelstreams.core.metrics.SnapshotKey;
import dev.funnelstreams.core.metrics.StalledNowKey;
import dev.funnelstreams.core.metrics.StageFlowKey;
import dev.funnelstreams.core.metrics.PipelineKey;
import dev.funnelstreams.core.metrics.ReviewKey;
import dev.funnelstreams.core.metrics.SalesKpiKey;
import dev.funnelstreams.core.metrics.view.PeriodReview;
import dev.funnelstreams.core.metrics.view.TargetProgressKey;
import dev.funnelstreams.core.metrics.WeekKey;
import dev.funnelstreams.core.metrics.view.MetricsView;
import dev.funnelstreams.core.metrics.view.OutputRecord;
import dev.funnelstreams.core.metrics.view.WeeklyReview;
import dev.funnelstreams.core.period.Period;
import dev.funnelstreams.core.period.Periods;
import dev.funnelstreams.core.metrics.CellTotals;
import dev.funnelstreams.streams.StoreNames;
import dev.funnelstreams.streams.http.StoreScan.CellFilter;
import dev.funnelstreams.streams.state.CellCodec;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The query endpoints over the metric cells: each reads the cells it needs from every instance
 * and renders them with the core's renderers at the request's "now", so a record here equals the
 * batch report's record for the same events (the wall-clock fields aside, SPEC section 7).
 */
final class FunnelApi {

    private final FunnelConfig config;
    private final StoreScan scan;
    private final MetricsView view;
    private final WeeklyReview weeklyReview;
    private final PeriodReview periodReview;
    private final Clock clock;
    private final List<String> dimensions;
    private final List<ConversionPair> pairs;

    /** Summed cells read for one request, and whether any came from a copy that is not current. */
    private record Cells(CellTotals cells, boolean stale) {
    }

    FunnelApi(FunnelConfig config, StoreScan scan, Clock clock) {
        this.config = config;
        this.scan = scan;
        this.view = new MetricsView(config);
        this.weeklyReview = new WeeklyReview(config);
        this.periodReview = new PeriodReview(config);
        this.clock = clock;
        List<String> dims = new ArrayList<>();
        dims.add(Dimension.ALL);
        config.dimensions().forEach(d -> dims.add(d.key()));
        this.dimensions = List.copyOf(dims);
        this.pairs = ConversionPair.all(config);
    }

    /** {@code GET /api/funnel?period=2026-W09&dimension=channel[&value=expo]}: stage-flow, conversions, loss reasons. */
    Reply funnel(Request r) {
        Period period = period(r.required("period", "2026-W09"));
        String dimension = dimension(r.param("dimension").orElse(Dimension.ALL));
        Optional<String> value = r.param("value");
        if (dimension.equals(Dimension.ALL) && value.isPresent() && !value.get().equals(Dimension.ALL)) {
            throw HttpError.badRequest("value: dimension all has only the value all");
        }
        String[] fields = value.map(v -> new String[] {period.label(), dimension, v})
                .orElse(new String[] {period.label(), dimension});
        // one scan: a loss-reason share divides by its stage's losses, read from the stage-flow cells
        Cells s = cells(r, CellFilter.ANY, CellPrefix.of(CellCodec.STAGE_FLOW, fields),
                CellPrefix.of(CellCodec.CONVERSION, fields), CellPrefix.of(CellCodec.LOSS_REASON, fields));
        Instant now = clock.instant();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("period", period.label());
        body.put("dimension", dimension);
        body.put("dimensionValue", value.orElse(dimension.equals(Dimension.ALL) ? Dimension.ALL : null));
        body.put("stale", s.stale());
        body.put("stageFlow", records(view.stageFlow(s.cells()), Comparator
                .comparing((OutputRecord o) -> ((StageFlowKey) o.key()).dimensionValue())
                .thenComparingInt(o -> config.stageIndex(((StageFlowKey) o.key()).stage()))));
        body.put("conversions", records(view.conversions(s.cells(), now), Comparator
                .comparing((OutputRecord o) -> ((ConversionKey) o.key()).dimensionValue())
                .thenComparingInt(o -> pairs.indexOf(new ConversionPair(((ConversionKey) o.key()).fromStage(),
                        ((ConversionKey) o.key()).toStage())))));
        body.put("lossReasons", records(view.lossReasons(s.cells()), Comparator
                .comparing((OutputRecord o) -> ((LossReasonKey) o.key()).dimensionValue())
                .thenComparingInt(o -> config.stageIndex(((LossReasonKey) o.key()).stage()))
                .thenComparing(o -> ((LossReasonKey) o.key()).reason())));
        return Reply.json(body);
    }

    /** {@code GET /api/channel-costs[?period=2026-03]}. */
    Reply channelCosts(Request r) {
        Optional<Period> period = r.param("period").map(this::period);
        Cells s = cells(r, CellFilter.ANY, period.map(p -> CellPrefix.of(CellCodec.CHANNEL_COST, p.label()))
                .orElse(CellPrefix.of(CellCodec.CHANNEL_COST)));
        return list("period", period.map(Period::label).orElse(null), s, view.channelCosts(s.cells()));
    }

    /** {@code GET /api/targets[?period=2026-Q4]}: every configured target, also those with no reach yet. */
    Reply targets(Request r) {
        Optional<String> period = r.param("period");
        period.ifPresent(p -> {
            parse(p);
            if (!config.targetPeriods().contains(p)) {
                throw HttpError.notFound("period: no targets for " + p + " (configured: "
                        + String.join(", ", config.targetPeriods()) + ")");
            }
        });
        Cells s = cells(r, CellFilter.ANY, period.map(p -> CellPrefix.of(CellCodec.TARGET, p))
                .orElse(CellPrefix.of(CellCodec.TARGET)), period.map(p -> CellPrefix.of(CellCodec.TARGET_VALUE, p))
                .orElse(CellPrefix.of(CellCodec.TARGET_VALUE)));
        List<OutputRecord> records = view.targetProgress(s.cells(), clock.instant()).stream()
                .filter(o -> period.isEmpty() || ((TargetProgressKey) o.key()).period().label().equals(period.get()))
                .toList();
        return list("period", period.orElse(null), s, records);
    }

    /**
     * {@code GET /api/weekly-review[?week=2026-W09]}: every week from the first with facts to the
     * later of the last and the current week, or one week.
     */
    Reply weeklyReview(Request r) {
        Optional<Period> week = r.param("week").map(this::parse);
        week.ifPresent(w -> {
            if (w.kind() != PeriodKind.WEEK) {
                throw HttpError.badRequest("week: \"" + w.label() + "\" is not an ISO week (e.g. 2026-W09)");
            }
        });
        Cells s = cells(r, CellFilter.ANY, CellPrefix.of(CellCodec.WEEK), CellPrefix.of(CellCodec.STALLED_NOW));
        // stalledNow (on the week containing now) is the alert timers' count of open STALL alerts
        Count stalledNow = s.cells().get(StalledNowKey.INSTANCE);
        List<OutputRecord> records = weeklyReview.records(s.cells().cells(WeekKey.class), clock.instant(),
                        stalledNow == null ? 0 : stalledNow.n()).stream()
                .filter(o -> week.isEmpty() || ((WeekKey) o.key()).week().equals(week.get()))
                .toList();
        if (week.isPresent() && records.isEmpty()) {
            throw HttpError.notFound("week: no review for " + week.get().label() + " (no facts from that week on)");
        }
        return list("week", week.map(Period::label).orElse(null), s, records);
    }

    /**
     * {@code GET /api/pipeline[?dimension=owner]}: open leads, open and weighted value per stage before
     * the won stage now (SPEC section 9).
     */
    Reply pipeline(Request r) {
        Optional<String> dimension = r.param("dimension").map(this::dimension);
        Cells s = cells(r, CellFilter.ANY, dimension.map(d -> CellPrefix.of(CellCodec.PIPELINE, d))
                .orElse(CellPrefix.of(CellCodec.PIPELINE)));
        List<OutputRecord> records = new ArrayList<>(view.pipeline(s.cells()));
        records.sort(Comparator.comparingInt((OutputRecord o) -> dimensions.indexOf(((PipelineKey) o.key()).dimension()))
                .thenComparing(o -> ((PipelineKey) o.key()).dimensionValue())
                .thenComparingInt(o -> config.stageIndex(((PipelineKey) o.key()).stage())));
        return list("dimension", dimension.orElse(null), s, records);
    }

    /**
     * {@code GET /api/sales-kpis[?period=2026-Q1][&dimension=owner[&value=Wang]]}: win rate, deal size,
     * cycle and velocity per period and breakdown (SPEC section 9); without a period, every period.
     */
    Reply salesKpis(Request r) {
        Optional<Period> period = r.param("period").map(this::period);
        Optional<String> dimension = r.param("dimension").map(this::dimension);
        Optional<String> value = r.param("value");
        if (value.isPresent() && (dimension.isEmpty() || period.isEmpty())) {
            throw HttpError.badRequest("value: needs period and dimension");
        }
        List<String> fields = new ArrayList<>();
        period.ifPresent(p -> fields.add(p.label()));
        if (period.isPresent()) {
            dimension.ifPresent(fields::add);
            value.ifPresent(fields::add);
        }
        Cells s = cells(r, CellFilter.ANY, CellPrefix.of(CellCodec.SALES_KPI, fields.toArray(String[]::new)));
        List<OutputRecord> records = view.salesKpis(s.cells()).stream()
                .filter(o -> dimension.isEmpty() || ((SalesKpiKey) o.key()).dimension().equals(dimension.get()))
                .sorted(Comparator.comparing((OutputRecord o) -> ((SalesKpiKey) o.key()).period())
                        .thenComparingInt(o -> dimensions.indexOf(((SalesKpiKey) o.key()).dimension()))
                        .thenComparing(o -> ((SalesKpiKey) o.key()).dimensionValue()))
                .toList();
        return list("period", period.map(Period::label).orElse(null), s, records);
    }

    /**
     * {@code GET /api/period-review[?kind=MONTH|QUARTER|YEAR | period=2026-Q1]}: the monthly, quarterly
     * and yearly reviews (SPEC section 9), each kind from its first period with facts to the later of
     * its last and the current one.
     */
    Reply periodReview(Request r) {
        Optional<Period> period = r.param("period").map(this::parse);
        Optional<PeriodKind> kind = r.param("kind").map(k -> {
            try {
                return PeriodKind.valueOf(k);
            } catch (IllegalArgumentException e) {
                throw HttpError.badRequest("kind: \"" + k + "\" (allowed: " + periodReview.kinds() + ")");
            }
        });
        PeriodKind wanted = period.map(Period::kind).or(() -> kind).orElse(null);
        if (wanted != null && !periodReview.kinds().contains(wanted)) {
            throw HttpError.badRequest("the period review covers " + periodReview.kinds() + " (the configured periods"
                    + " among MONTH, QUARTER and YEAR), not " + wanted);
        }
        Cells s = cells(r, CellFilter.ANY, CellPrefix.of(CellCodec.REVIEW));
        List<OutputRecord> records = periodReview.records(s.cells().cells(ReviewKey.class), clock.instant()).stream()
                .filter(o -> wanted == null || ((ReviewKey) o.key()).period().kind() == wanted)
                .filter(o -> period.isEmpty() || ((ReviewKey) o.key()).period().equals(period.get()))
                .toList();
        if (period.isPresent() && records.isEmpty()) {
            throw HttpError.notFound("period: no review for " + period.get().label() + " (no facts from then on)");
        }
        return list("period", period.map(Period::label).orElse(null), s, records);
    }

    private String dimension(String d) {
        if (!dimensions.contains(d)) {
            throw HttpError.badRequest("dimension: \"" + d + "\" (allowed: " + String.join(", ", dimensions) + ")");
        }
        return d;
    }

    /** {@code GET /api/snapshot[?dimension=tier]}: active (and stalled) leads per stage now. */
    Reply snapshot(Request r) {
        Optional<String> dimension = r.param("dimension").map(this::dimension);
        Cells s = cells(r, CellFilter.ANY, dimension.map(d -> CellPrefix.of(CellCodec.SNAPSHOT, d))
                .orElse(CellPrefix.of(CellCodec.SNAPSHOT)), dimension.map(d -> CellPrefix.of(CellCodec.STALLED, d))
                .orElse(CellPrefix.of(CellCodec.STALLED)));
        Instant now = clock.instant();
        List<OutputRecord> records = new ArrayList<>();
        // active from the snapshot cell, stalled from the alert timers' stalled cell: the cell table's rule
        s.cells().cells(SnapshotKey.class).forEach((k, active) -> {
            OutputRecord record = view.table().render(k, active, s.cells()::get, now);
            if (record != null) {
                records.add(record);
            }
        });
        records.sort(Comparator.comparingInt((OutputRecord o) -> dimensions.indexOf(((SnapshotKey) o.key()).dimension()))
                .thenComparing(o -> ((SnapshotKey) o.key()).dimensionValue())
                .thenComparingInt(o -> config.stageIndex(((SnapshotKey) o.key()).stage())));
        return list("dimension", dimension.orElse(null), s, records);
    }

    /** {@code GET /api/periods}: the periods holding data (dimension all), per kind, oldest first, and the current ones. */
    Reply periods(Request r) {
        Cells s = cells(r, CellFilter.TOTALS, CellPrefix.of(CellCodec.STAGE_FLOW));
        Map<PeriodKind, TreeSet<Period>> found = new EnumMap<>(PeriodKind.class);
        s.cells().cells(StageFlowKey.class).keySet()
                .forEach(k -> found.computeIfAbsent(k.period().kind(), x -> new TreeSet<>()).add(k.period()));
        Map<String, List<String>> periods = new LinkedHashMap<>();
        Map<String, String> current = new LinkedHashMap<>();
        Instant now = clock.instant();
        for (PeriodKind kind : PeriodKind.values()) {
            if (config.hasPeriod(kind)) {
                periods.put(kind.name(), found.getOrDefault(kind, new TreeSet<>()).stream().map(Period::label).toList());
                current.put(kind.name(), Periods.of(now, kind, config.timezone()).label());
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("stale", s.stale());
        body.put("periods", periods);
        body.put("current", current);
        return Reply.json(body);
    }

    private Period period(String label) {
        Period p = parse(label);
        if (!config.hasPeriod(p.kind())) {
            throw HttpError.badRequest("period: " + label + " is a " + p.kind() + ", which is not in the configured periods");
        }
        return p;
    }

    private Period parse(String label) {
        try {
            return Period.parse(label);
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("period: \"" + label + "\" is not a period label (2026-W09, 2026-03, 2026-Q1, 2026)");
        }
    }

    private Cells cells(Request r, CellFilter filter, byte[]... prefixes) {
        StoreScan.Scanned s = scan.scan(new StoreScan.Query(StoreNames.CELL_TOTALS, List.of(prefixes), filter), auth(r));
        return new Cells(CellReader.cells(s), s.stale());
    }

    private static Reply list(String param, String value, Cells s, List<OutputRecord> records) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (value != null) {
            body.put(param, value);
        }
        body.put("stale", s.stale());
        body.put("records", records.stream().map(ApiRecord::of).toList());
        return Reply.json(body);
    }

    private static List<ApiRecord> records(List<OutputRecord> records, Comparator<OutputRecord> order) {
        List<OutputRecord> sorted = new ArrayList<>(records);
        sorted.sort(order);
        return sorted.stream().map(ApiRecord::of).toList();
    }

    private static Optional<String> auth(Request r) {
        return r.header("Authorization");
    }
}
