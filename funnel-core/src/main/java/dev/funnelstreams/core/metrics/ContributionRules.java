package dev.funnelstreams.core.metrics;

import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.config.PeriodKind;
import dev.funnelstreams.core.lead.Entry;
import dev.funnelstreams.core.lead.LeadFacts;
import dev.funnelstreams.core.lead.LeadState;
import dev.funnelstreams.core.lead.Loss;
import dev.funnelstreams.core.lead.Reach;
import dev.funnelstreams.core.lead.StayEnd;
import dev.funnelstreams.core.lead.Win;
import dev.funnelstreams.core.period.Period;
import dev.funnelstreams.core.period.Periods;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
        for (Reach r : facts.reaches()) {
            addReach(out, facts, r, channel);
        }
        facts.win().ifPresent(w -> addWin(out, w, channel));
        for (Entry e : facts.entries()) {
            for (Period p : periods(e.at())) {
                for (DimensionSlice s : DimensionSlice.of(e.dims(), config)) {
                    out.add(new StageFlowKey(p, s.dimension(), s.dimensionValue(), e.stage()), StageFlowCounts.ENTERED);
                }
            }
            out.add(new WeekKey(week(e.at())), WeekCounts.FACT);
        }
        facts.funnelEntry().ifPresent(e -> addCohortLead(out, facts, e, channel));
        for (Loss l : facts.losses()) {
            addLoss(out, l);
        }
        for (StayEnd s : facts.stayEnds()) {
            StageFlowCounts exited = StageFlowCounts.exited(s.lengthMillis());
            for (Period p : periods(s.endedAt())) {
                for (DimensionSlice d : DimensionSlice.of(s.dims(), config)) {
                    out.add(new StageFlowKey(p, d.dimension(), d.dimensionValue(), s.stage()), exited);
                }
            }
            out.add(new WeekKey(week(s.endedAt())), WeekCounts.FACT);
        }
        LeadState state = facts.state();
        if (state.active()) {
            for (DimensionSlice d : DimensionSlice.of(state.dims(), config)) {
                out.add(new SnapshotKey(d.dimension(), d.dimensionValue(), state.stage()), Count.ONE);
            }
        }
    }

    private void addReach(CellTotals out, LeadFacts facts, Reach r, String channel) {
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
            if (pair.fromStage().equals(r.stage())) {
                addConversion(out, periods, slices, pair, cohortMember(facts.reach(pair.toStage()), r.at()));
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

    private void addCohortLead(CellTotals out, LeadFacts facts, Entry entry, String channel) {
        boolean opportunity = facts.reach(opportunityStage).isPresent();
        ChannelCounts lead = ChannelCounts.cohortLead(opportunity, facts.win().isPresent(),
                facts.win().map(Win::value).orElse(Amounts.ZERO));
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
