package dev.funnelstreams.core.metrics;

import dev.funnelstreams.core.config.Dimension;
import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.config.PeriodKind;
import dev.funnelstreams.core.lead.Dims;
import dev.funnelstreams.core.lead.Entry;
import dev.funnelstreams.core.lead.Increment;
import dev.funnelstreams.core.lead.LeadReplay;
import dev.funnelstreams.core.lead.LeadFacts;
import dev.funnelstreams.core.lead.Loss;
import dev.funnelstreams.core.lead.Reach;
import dev.funnelstreams.core.lead.ReplayEnd;
import dev.funnelstreams.core.lead.StayEnd;
import dev.funnelstreams.core.lead.Win;
import dev.funnelstreams.core.period.Period;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The rules that turn one lead's facts into cell contributions (SPEC section 4, per lead). Build
 * it once per config (it pre-parses the target periods) and reuse it for every lead.
 */
public final class ContributionRules {

    /** The cells a lead's contributions ({@link #of}) are sized for: a lead holds about 80-100 in the example funnel. */
    private static final int LEAD_CELLS = 96;

    private final FunnelConfig config;
    private final List<PeriodKind> kinds;
    private final List<ConversionPair> pairs;
    private final List<Target> targets = new ArrayList<>();
    private final String opportunityStage;
    private final List<Target> valueTargets = new ArrayList<>();
    private final int wonStageIndex;
    private final KeyParts parts;
    /** What {@link #slices} answered last: immutable, so a thread sees it whole or an older one, both right. */
    private LastSlices lastSlices;

    private record LastSlices(Dims dims, List<DimensionSlice> slices) {
    }

    /**
     * A target period with its stage goals and its bounds cut in the funnel zone once ({@link
     * Period#contains} computes them per call, and the rules ask per reach).
     */
    private record Target(Period period, Map<String, Long> stages, Instant start, Instant end) {

        static Target of(String label, Map<String, Long> stages, FunnelConfig config) {
            Period period = Period.parse(label);
            return new Target(period, stages, period.start(config.timezone()), period.end(config.timezone()));
        }

        /** As {@code period.contains(at, zone)}. */
        boolean contains(Instant at) {
            return !at.isBefore(start) && at.isBefore(end);
        }
    }

    public ContributionRules(FunnelConfig config) {
        this.config = config;
        this.kinds = config.periods().stream().sorted().toList();
        this.pairs = ConversionPair.all(config);
        this.opportunityStage = config.opportunityStage();
        config.targets().forEach((label, stages) -> targets.add(Target.of(label, stages, config)));
        config.valueTargets().keySet().forEach(label -> valueTargets.add(Target.of(label, Map.of(), config)));
        this.wonStageIndex = config.wonStageIndex();
        this.parts = new KeyParts(kinds, config.timezone());
    }

    /** The contributions of one replayed lead. */
    public Contributions of(LeadFacts facts) {
        CellTotals out = new CellTotals(LEAD_CELLS);
        addTo(facts, out);
        return out.release();
    }

    /** Adds one lead's contributions straight into {@code out} (the batch sum, without a per-lead map). */
    public void addTo(LeadFacts facts, CellSink out) {
        String channel = parts.of(facts.state().channel());
        addFacts(facts.reaches(), facts.entries(), facts.losses(), facts.stayEnds(), facts.win().orElse(null),
                facts.funnelEntry().orElse(null), channel, out);
        addEndFacts(EndFacts.of(facts), channel, out);
    }

    /**
     * Adds to {@code out} the change of a lead's contributions when its replay continues from {@code before} to
     * {@code after} ({@link LeadReplay#resume}): what {@code of(after) - of(before)} gives, computed
     * from the new facts and from the end facts whose inputs changed. A lead's contributions are the
     * facts' own cells (fixed once a fact is made) plus the cells read off its end (a stage's
     * conversion cohort, the channel cohort, the snapshot): see {@link #addEndFacts}.
     */
    public void delta(ReplayEnd before, LeadReplay.Resumed after, CellSink out) {
        String channel = parts.of(after.end().channel());
        Increment inc = after.increment();
        EndFacts was = EndFacts.of(before, config);
        EndFacts is = EndFacts.of(after.end(), config);
        addFacts(inc.reaches(), inc.entries(), inc.losses(), inc.stayEnds(), inc.win(), is.funnelEntry(), channel, out);
        for (Reach r : is.reaches()) {
            boolean old = was.reach(r.stage()).isPresent();
            for (ConversionPair pair : pairs) {
                if (pair.fromStage().equals(r.stage())) {
                    ConversionCounts now = cohortMember(is.reach(pair.toStage()), r.at());
                    ConversionCounts then = old ? cohortMember(was.reach(pair.toStage()), r.at()) : null;
                    if (!now.equals(then)) {
                        List<Period> periods = periods(r.at());
                        List<DimensionSlice> slices = slices(r.dims());
                        addConversion(out, periods, slices, pair, now);
                        if (then != null) {
                            addConversion(out, periods, slices, pair, then.negate());
                        }
                    }
                }
            }
        }
        if (is.funnelEntry() != null) {
            ChannelCounts now = cohortLead(is);
            ChannelCounts then = was.funnelEntry() == null ? null : cohortLead(was);
            if (!now.equals(then)) {
                addCohortLead(out, is.funnelEntry(), channel, now);
                if (then != null) {
                    addCohortLead(out, was.funnelEntry(), channel, then.negate());
                }
            }
        }
        if (was.active() != is.active() || !Objects.equals(was.stage(), is.stage()) || !was.dims().equals(is.dims())) {
            addSnapshot(out, was, -1);
            addSnapshot(out, is, 1);
        }
        PipelineCounts pipelineWas = pipelineLead(was);
        PipelineCounts pipelineIs = pipelineLead(is);
        if ((pipelineWas != null || pipelineIs != null) && (!Objects.equals(pipelineWas, pipelineIs)
                || !Objects.equals(was.stage(), is.stage()) || !was.dims().equals(is.dims()))) {
            addPipeline(out, was, pipelineWas, true);
            addPipeline(out, is, pipelineIs, false);
        }
    }

    /** The cells of a lead's facts themselves: each fact's cells depend on nothing but that fact. */
    private void addFacts(List<Reach> reaches, List<Entry> entries, List<Loss> losses, List<StayEnd> stayEnds, Win win,
            Entry funnelEntry, String channel, CellSink out) {
        for (Reach r : reaches) {
            addReach(out, r, channel);
        }
        if (win != null) {
            addWin(out, win, funnelEntry, channel);
        }
        for (Entry e : entries) {
            List<Period> periods = periods(e.at());
            List<DimensionSlice> slices = slices(e.dims());
            String stage = parts.of(e.stage());
            for (DimensionSlice s : slices) {
                out.add(periods, new StageFlowKey.Row(s.dimension(), s.dimensionValue(), stage),
                        StageFlowCounts.ENTERED);
            }
            out.add(new WeekKey(week(e.at())), WeekCounts.FACT);
            addReview(out, periods, ReviewCounts.FACT);
        }
        for (Loss l : losses) {
            addLoss(out, l);
        }
        for (StayEnd s : stayEnds) {
            StageFlowCounts exited = StageFlowCounts.exited(s.lengthMillis());
            List<Period> periods = periods(s.endedAt());
            List<DimensionSlice> slices = slices(s.dims());
            String stage = parts.of(s.stage());
            for (DimensionSlice d : slices) {
                out.add(periods, new StageFlowKey.Row(d.dimension(), d.dimensionValue(), stage), exited);
            }
            out.add(new WeekKey(week(s.endedAt())), WeekCounts.FACT);
            addReview(out, periods, ReviewCounts.FACT);
        }
    }

    /**
     * The cells read off a lead's end: whether each reached stage's cohort converted (it depends on a
     * later reach), the channel cohort's opportunity and win (on the first entry's period), the
     * snapshot of where an active lead is now.
     */
    private void addEndFacts(EndFacts end, String channel, CellSink out) {
        for (Reach r : end.reaches()) {
            for (ConversionPair pair : pairs) {
                if (pair.fromStage().equals(r.stage())) {
                    addConversion(out, periods(r.at()), slices(r.dims()), pair,
                            cohortMember(end.reach(pair.toStage()), r.at()));
                }
            }
        }
        if (end.funnelEntry() != null) {
            addCohortLead(out, end.funnelEntry(), channel, cohortLead(end));
        }
        addSnapshot(out, end, 1);
        addPipeline(out, end, pipelineLead(end), false);
    }

    /** What the lead adds to the pipeline now (SPEC section 9): null unless active in a stage before the won stage. */
    private PipelineCounts pipelineLead(EndFacts end) {
        if (!end.active() || config.stageIndex(end.stage()) >= wonStageIndex) {
            return null;
        }
        return PipelineCounts.lead(end.estimatedValue());
    }

    private void addPipeline(CellSink out, EndFacts end, PipelineCounts lead, boolean remove) {
        if (lead != null) {
            String stage = parts.of(end.stage());
            for (DimensionSlice d : slices(end.dims())) {
                out.add(new PipelineKey(d.dimension(), d.dimensionValue(), stage), remove ? lead.negate() : lead);
            }
        }
    }

    /** Adds to the review cells of a fact's periods (the configured MONTH, QUARTER and YEAR among them). */
    private void addReview(CellSink out, List<Period> periods, ReviewCounts counts) {
        for (Period p : periods) {
            if (p.kind().hasPeriodReview()) {
                out.add(new ReviewKey(p), counts);
            }
        }
    }

    private void addSalesKpi(CellSink out, List<Period> periods, List<DimensionSlice> slices, SalesKpiCounts counts) {
        for (DimensionSlice s : slices) {
            out.add(periods, new SalesKpiKey.Row(s.dimension(), s.dimensionValue()), counts);
        }
    }

    private void addSnapshot(CellSink out, EndFacts end, int sign) {
        if (end.active()) {
            Count count = sign > 0 ? Count.ONE : Count.ONE.negate();
            String stage = parts.of(end.stage());
            for (DimensionSlice d : slices(end.dims())) {
                out.add(new SnapshotKey(d.dimension(), d.dimensionValue(), stage), count);
            }
        }
    }

    private void addReach(CellSink out, Reach r, String channel) {
        List<Period> periods = periods(r.at());
        List<DimensionSlice> slices = slices(r.dims());
        String stage = parts.of(r.stage());
        for (DimensionSlice s : slices) {
            out.add(periods, new StageFlowKey.Row(s.dimension(), s.dimensionValue(), stage), StageFlowCounts.REACHED);
        }
        for (ConversionPair pair : pairs) {
            if (pair.toStage().equals(r.stage())) {
                addConversion(out, periods, slices, pair, ConversionCounts.NUMERATOR);
            }
        }
        if (r.stage().equals(opportunityStage)) {
            out.add(periods, new ChannelCostKey.Row(channel), ChannelCounts.opportunityInPeriod());
            addSalesKpi(out, periods, slices, SalesKpiCounts.OPPORTUNITY);
        }
        out.add(new WeekKey(week(r.at())), WeekCounts.reach(r.stage()));
        addReview(out, periods, ReviewCounts.reach(r.stage()));
        for (Target target : targets) {
            if (target.stages().containsKey(r.stage()) && target.contains(r.at())) {
                out.add(new TargetKey(target.period(), stage), Count.ONE);
            }
        }
    }

    private ConversionCounts cohortMember(Optional<Reach> to, Instant fromAt) {
        Optional<Duration> window = config.conversionWindow();
        boolean converted = to.isPresent()
                && (window.isEmpty() || !to.get().at().isAfter(fromAt.plus(window.get())));
        long millis = converted ? to.get().at().toEpochMilli() - fromAt.toEpochMilli() : 0;
        return ConversionCounts.cohortMember(converted, millis);
    }

    private void addConversion(CellSink out, List<Period> periods, List<DimensionSlice> slices, ConversionPair pair,
            ConversionCounts counts) {
        for (DimensionSlice s : slices) {
            out.add(periods, new ConversionKey.Row(s.dimension(), s.dimensionValue(), pair.fromStage(), pair.toStage()),
                    counts);
        }
    }

    private void addWin(CellSink out, Win w, Entry funnelEntry, String channel) {
        List<Period> periods = periods(w.at());
        out.add(periods, new ChannelCostKey.Row(channel), ChannelCounts.winInPeriod(w.value()));
        out.add(new WeekKey(week(w.at())), WeekCounts.winValue(w.value()));
        addReview(out, periods, ReviewCounts.winValue(w.value()));
        long cycleMillis = w.at().toEpochMilli() - funnelEntry.at().toEpochMilli();
        addSalesKpi(out, periods, slices(w.dims()), SalesKpiCounts.win(w.value(), cycleMillis));
        for (Target target : valueTargets) {
            if (target.contains(w.at())) {
                out.add(new TargetValueKey(target.period()), new Amount(Amounts.of(w.value())));
            }
        }
    }

    private ChannelCounts cohortLead(EndFacts end) {
        return ChannelCounts.cohortLead(end.reach(opportunityStage).isPresent(), end.win() != null,
                end.win() == null ? Amounts.ZERO : end.win().value());
    }

    private void addCohortLead(CellSink out, Entry entry, String channel, ChannelCounts lead) {
        out.add(periods(entry.at()), new ChannelCostKey.Row(channel), lead);
    }

    private void addLoss(CellSink out, Loss l) {
        String stage = parts.of(l.stage());
        String reason = parts.of(l.reason());
        List<Period> periods = periods(l.at());
        List<DimensionSlice> slices = slices(l.dims());
        for (DimensionSlice s : slices) {
            out.add(periods, new StageFlowKey.Row(s.dimension(), s.dimensionValue(), stage), StageFlowCounts.LOST);
            out.add(periods, new LossReasonKey.Row(s.dimension(), s.dimensionValue(), stage, reason), Count.ONE);
        }
        out.add(new WeekKey(week(l.at())), WeekCounts.loss(l.reason()));
        addReview(out, periods, ReviewCounts.loss(l.stage(), l.reason()));
        if (config.stageIndex(l.stage()) < wonStageIndex) {
            addSalesKpi(out, periods, slices, SalesKpiCounts.LOSS);
        }
    }

    /** The periods of the configured kinds holding {@code at} (shared instances, an unmodifiable list). */
    private List<Period> periods(Instant at) {
        return parts.periods(at).configured();
    }

    private Period week(Instant at) {
        return parts.periods(at).week();
    }

    /**
     * {@code all/all} plus each configured dimension, with shared value strings (an unmodifiable list). The facts of
     * a lead mostly share their dimension values, so the last answer is kept.
     */
    private List<DimensionSlice> slices(Dims dims) {
        LastSlices last = lastSlices;
        if (last != null && last.dims().equals(dims)) {
            return last.slices();
        }
        List<DimensionSlice> out = new ArrayList<>(config.dimensions().size() + 1);
        out.add(DimensionSlice.ALL);
        for (Dimension d : config.dimensions()) {
            out.add(new DimensionSlice(d.key(), parts.of(dims.value(d))));
        }
        List<DimensionSlice> slices = List.copyOf(out);
        lastSlices = new LastSlices(dims, slices);
        return slices;
    }
}
