package dev.funnelstreams.core.metrics.view;

import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.config.PeriodKind;
import dev.funnelstreams.core.metrics.ReviewCounts;
import dev.funnelstreams.core.metrics.ReviewKey;
import dev.funnelstreams.core.period.Period;
import dev.funnelstreams.core.period.Periods;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds funnel.period-review records (SPEC section 9) from the review cells: per configured MONTH,
 * QUARTER and YEAR kind, the weekly review's rules for a longer period, plus losses per stage.
 */
public final class PeriodReview {

    private final FunnelConfig config;
    private final WeeklyReview shared;
    private final List<String> stagesBeforeWon;
    private final String wonStage;

    public PeriodReview(FunnelConfig config) {
        this.config = config;
        this.shared = new WeeklyReview(config);
        this.stagesBeforeWon = config.stageIds().subList(0, config.wonStageIndex());
        this.wonStage = config.wonStage().id();
    }

    /** The kinds the review covers: the configured periods among MONTH, QUARTER and YEAR, in order. */
    public List<PeriodKind> kinds() {
        return config.periods().stream().filter(PeriodKind::hasPeriodReview).sorted().toList();
    }

    /** One record per covered period of every kind (see {@link WeeklyReview#covered}). */
    public List<OutputRecord> records(Map<ReviewKey, ReviewCounts> cells, Instant now) {
        List<OutputRecord> out = new ArrayList<>();
        for (PeriodKind kind : kinds()) {
            List<Period> withFacts = cells.entrySet().stream()
                    .filter(e -> e.getKey().period().kind() == kind && e.getValue().facts() > 0)
                    .map(e -> e.getKey().period())
                    .toList();
            for (Period p : WeeklyReview.covered(withFacts, current(kind, now))) {
                ReviewKey key = new ReviewKey(p);
                out.add(new OutputRecord(OutputTopic.PERIOD_REVIEW, key, value(
                        cells.getOrDefault(key, ReviewCounts.ZERO),
                        cells.getOrDefault(new ReviewKey(p.previous()), ReviewCounts.ZERO))));
            }
        }
        return out;
    }

    /** The period of {@code kind} containing {@code now}. */
    public Period current(PeriodKind kind, Instant now) {
        return Periods.of(now, kind, config.timezone());
    }

    /** The review of one period given its cell and the previous period's. */
    public PeriodReviewValue value(ReviewCounts c, ReviewCounts prev) {
        WeeklyReview.Parts p = shared.parts(c::reachedOf, prev::reachedOf, c.lossesByReason());
        List<PeriodReviewValue.StageLosses> byStage = new ArrayList<>();
        for (String stage : stagesBeforeWon) {
            Map<String, Long> reasons = c.lossesAt(stage);
            long lost = reasons.values().stream().mapToLong(Long::longValue).sum();
            String top = null;
            long most = 0;
            for (Map.Entry<String, Long> r : reasons.entrySet()) { // reason order: ties keep the smallest code
                if (r.getValue() > most) {
                    most = r.getValue();
                    top = r.getKey();
                }
            }
            byStage.add(new PeriodReviewValue.StageLosses(stage, lost, lost == 0 ? null : top));
        }
        return new PeriodReviewValue(p.newLeads(), p.previousLeads(), p.change(), p.pairs(), p.bottleneck(),
                p.topLossReasons(), c.reachedOf(wonStage), c.wonValue(), byStage);
    }
}
