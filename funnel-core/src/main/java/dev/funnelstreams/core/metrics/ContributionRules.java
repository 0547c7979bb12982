package dev.funnelstreams.core.metrics;

import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.config.PeriodKind;
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
import dev.funnelstreams.core.period.Periods;
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

    private final FunnelConfig config;
    private final List<PeriodKind> kinds;
    private final List<ConversionPair> pairs;
    private final List<Period> targetPeriods = new ArrayList<>();
    private final String opportunityStage;

    public ContributionRules(FunnelConfig config) {
        this.config = config;
        this.kinds = config.periods().stream().sorted().toList();
        this.pairs = ConversionPair.all(config);
        this.opportunityStage = config.opportunityStage();
        config.targets().keySet().forEach(label -> targetPeriods.add(Period.parse(label)));
    }

    /** The contributions of one replayed lead. */
    public Contributions of(LeadFacts facts) {
        CellTotals out = new CellTotals();
        addTo(facts, out);
        return out.release();
    }

    /** Adds one lead's contributions straight into {@code out} (the batch sum, without a per-lead map). */
    public void addTo(LeadFacts facts, CellTotals out) {
        String channel = facts.state().channel();
        addFacts(facts.reaches(), facts.entries(), facts.losses(), facts.stayEnds(), facts.win().orElse(null), channel,
                out);
        addEndFacts(EndFacts.of(facts), channel, out);
    }

    /**
     * The change of a lead's contributions when its replay continues from {@code before} to
     * {@code after} ({@link LeadReplay#resume}): what {@code of(after) - of(before)} gives, computed
     * from the new facts and from the end facts whose inputs changed. A lead's contributions are the
     * facts' own cells (fixed once a fact is made) plus the cells read off its end (a stage's
     * conversion cohort, the channel cohort, the snapshot): see {@link #addEndFacts}.
     */
    public Contributions delta(ReplayEnd before, LeadReplay.Resumed after) {
        CellTotals out = new CellTotals();
        String channel = after.end().channel();
        Increment inc = after.increment();
        addFacts(inc.reaches(), inc.entries(), inc.losses(), inc.stayEnds(), inc.win(), channel, out);
        EndFacts was = EndFacts.of(before, config);
        EndFacts is = EndFacts.of(after.end(), config);
        for (Reach r : is.reaches()) {
            boolean old = was.reach(r.stage()).isPresent();
            for (ConversionPair pair : pairs) {
                if (pair.fromStage().equals(r.stage())) {
                    ConversionCounts now = cohortMember(is.reach(pair.toStage()), r.at());
                    ConversionCounts then = old ? cohortMember(was.reach(pair.toStage()), r.at()) : null;
                    if (!now.equals(then)) {
                        List<Period> periods = periods(r.at());
                        List<DimensionSlice> slices = DimensionSlice.of(r.dims(), config);
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
        return out.release();
    }

    /** The cells of a lead's facts themselves: each fact's cells depend on nothing but that fact. */
    private void addFacts(List<Reach> reaches, List<Entry> entries, List<Loss> losses, List<StayEnd> stayEnds, Win win,
            String channel, CellTotals out) {
        for (Reach r : reaches) {
            addReach(out, r, channel);
        }
        if (win != null) {
            addWin(out, win, channel);
        }
        for (Entry e : entries) {
            for (Period p : periods(e.at())) {
                for (DimensionSlice s : DimensionSlice.of(e.dims(), config)) {
                    out.add(new StageFlowKey(p, s.dimension(), s.dimensionValue(), e.stage()), StageFlowCounts.ENTERED);
                }
            }
            out.add(new WeekKey(week(e.at())), WeekCounts.FACT);
        }
        for (Loss l : losses) {
            addLoss(out, l);
        }
        for (StayEnd s : stayEnds) {
            StageFlowCounts exited = StageFlowCounts.exited(s.lengthMillis());
            for (Period p : periods(s.endedAt())) {
                for (DimensionSlice d : DimensionSlice.of(s.dims(), config)) {
                    out.add(new StageFlowKey(p, d.dimension(), d.dimensionValue(), s.stage()), exited);
                }
            }
            out.add(new WeekKey(week(s.endedAt())), WeekCounts.FACT);
        }
    }

    /**
     * The cells read off a lead's end: whether each reached stage's cohort converted (it depends on a
     * later reach), the channel cohort's opportunity and win (on the first entry's period), the
     * snapshot of where an active lead is now.
     */
    private void addEndFacts(EndFacts end, String channel, CellTotals out) {
        for (Reach r : end.reaches()) {
            for (ConversionPair pair : pairs) {
                if (pair.fromStage().equals(r.stage())) {
                    addConversion(out, periods(r.at()), DimensionSlice.of(r.dims(), config), pair,
                            cohortMember(end.reach(pair.toStage()), r.at()));
                }
            }
        }
        if (end.funnelEntry() != null) {
            addCohortLead(out, end.funnelEntry(), channel, cohortLead(end));
        }
        addSnapshot(out, end, 1);
    }

    private void addSnapshot(CellTotals out, EndFacts end, int sign) {
        if (end.active()) {
            Count count = sign > 0 ? Count.ONE : Count.ONE.negate();
            for (DimensionSlice d : DimensionSlice.of(end.dims(), config)) {
                out.add(new SnapshotKey(d.dimension(), d.dimensionValue(), end.stage()), count);
            }
        }
    }

    private void addReach(CellTotals out, Reach r, String channel) {
        List<Period> periods = periods(r.at());
        List<DimensionSlice> slices = DimensionSlice.of(r.dims(), config);
        for (Period p : periods) {
            for (DimensionSlice s : slices) {
                out.add(new StageFlowKey(p, s.dimension(), s.dimensionValue(), r.stage()), StageFlowCounts.REACHED);
            }
        }
        for (ConversionPair pair : pairs) {
            if (pair.toStage().equals(r.stage())) {
                addConversion(out, periods, slices, pair, ConversionCounts.NUMERATOR);
            }
        }
        if (r.stage().equals(opportunityStage)) {
            for (Period p : periods) {
                out.add(new ChannelCostKey(p, channel), ChannelCounts.opportunityInPeriod());
            }
        }
        out.add(new WeekKey(week(r.at())), WeekCounts.reach(r.stage()));
        for (Period target : targetPeriods) {
            Map<String, Long> stages = config.targets().get(target.label());
            if (stages.containsKey(r.stage()) && target.contains(r.at(), config.timezone())) {
                out.add(new TargetKey(target, r.stage()), Count.ONE);
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

    private void addConversion(CellTotals out, List<Period> periods, List<DimensionSlice> slices, ConversionPair pair,
            ConversionCounts counts) {
        for (Period p : periods) {
            for (DimensionSlice s : slices) {
                out.add(new ConversionKey(p, s.dimension(), s.dimensionValue(), pair.fromStage(), pair.toStage()),
                        counts);
            }
        }
    }

    private void addWin(CellTotals out, Win w, String channel) {
        for (Period p : periods(w.at())) {
            out.add(new ChannelCostKey(p, channel), ChannelCounts.winInPeriod(w.value()));
        }
        out.add(new WeekKey(week(w.at())), WeekCounts.winValue(w.value()));
    }

    private ChannelCounts cohortLead(EndFacts end) {
        return ChannelCounts.cohortLead(end.reach(opportunityStage).isPresent(), end.win() != null,
                end.win() == null ? Amounts.ZERO : end.win().value());
    }

    private void addCohortLead(CellTotals out, Entry entry, String channel, ChannelCounts lead) {
        for (Period p : periods(entry.at())) {
            out.add(new ChannelCostKey(p, channel), lead);
        }
    }

    private void addLoss(CellTotals out, Loss l) {
        for (Period p : periods(l.at())) {
            for (DimensionSlice s : DimensionSlice.of(l.dims(), config)) {
                out.add(new StageFlowKey(p, s.dimension(), s.dimensionValue(), l.stage()), StageFlowCounts.LOST);
                out.add(new LossReasonKey(p, s.dimension(), s.dimensionValue(), l.stage(), l.reason()), Count.ONE);
            }
        }
        out.add(new WeekKey(week(l.at())), WeekCounts.loss(l.reason()));
    }

    private List<Period> periods(Instant at) {
        List<Period> out = new ArrayList<>(kinds.size());
        for (PeriodKind k : kinds) {
            out.add(Periods.of(at, k, config.timezone()));
        }
        return out;
    }

    private Period week(Instant at) {
        return Periods.of(at, PeriodKind.WEEK, config.timezone());
    }
}
