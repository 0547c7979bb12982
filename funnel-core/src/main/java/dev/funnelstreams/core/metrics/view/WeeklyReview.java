package dev.funnelstreams.core.metrics.view;

import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.config.PeriodKind;
import dev.funnelstreams.core.metrics.ConversionPair;
import dev.funnelstreams.core.metrics.WeekCounts;
import dev.funnelstreams.core.metrics.WeekKey;
import dev.funnelstreams.core.period.Period;
import dev.funnelstreams.core.period.Periods;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Builds funnel.weekly-review records from the week cells (SPEC sections 4 and 8). */
public final class WeeklyReview {

    private static final Comparator<Map.Entry<String, Long>> TOP_REASONS =
            Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey());

    private final FunnelConfig config;
    private final List<ConversionPair> pairs;
    private final String firstStage;
    private final String wonStage;

    public WeeklyReview(FunnelConfig config) {
        this.config = config;
        this.pairs = ConversionPair.adjacent(config);
        this.firstStage = config.stageIds().get(0);
        this.wonStage = config.stageIds().get(config.wonStageIndex());
    }

    /**
     * One record per week, without gaps, over the weeks holding facts extended to the week
     * containing {@code now}; none when no week holds a fact.
     *
     * @param weeks      the week cells
     * @param stalledNow stalled active leads at {@code now} (set on the week containing now only)
     */
    public List<OutputRecord> records(Map<WeekKey, WeekCounts> weeks, Instant now, long stalledNow) {
        List<Period> withFacts = weeks.entrySet().stream()
                .filter(e -> e.getValue().facts() > 0)
                .map(e -> e.getKey().week())
                .sorted()
                .toList();
        if (withFacts.isEmpty()) {
            return List.of();
        }
        Period current = Periods.of(now, PeriodKind.WEEK, config.timezone());
        Period first = min(withFacts.get(0), current);
        Period last = max(withFacts.get(withFacts.size() - 1), current);
        List<OutputRecord> out = new ArrayList<>();
        for (Period w = first; w.compareTo(last) <= 0; w = w.next()) {
            WeekCounts c = weeks.getOrDefault(new WeekKey(w), WeekCounts.ZERO);
            WeekCounts prev = weeks.getOrDefault(new WeekKey(w.previous()), WeekCounts.ZERO);
            Long stalled = w.equals(current) ? stalledNow : null;
            out.add(new OutputRecord(OutputTopic.WEEKLY_REVIEW, new WeekKey(w), value(c, prev, stalled)));
        }
        return out;
    }

    /** The review of one week given its cell and the previous week's. */
    public WeeklyReviewValue value(WeekCounts c, WeekCounts prev, Long stalledNow) {
        long newLeads = c.reachedOf(firstStage);
        long previousLeads = prev.reachedOf(firstStage);
        List<WeeklyReviewValue.PairChange> changes = new ArrayList<>();
        ConversionPair bottleneck = null;
        for (ConversionPair p : pairs) {
            long n1 = c.reachedOf(p.toStage());
            long d1 = c.reachedOf(p.fromStage());
            long n0 = prev.reachedOf(p.toStage());
            long d0 = prev.reachedOf(p.fromStage());
            changes.add(new WeeklyReviewValue.PairChange(p.fromStage(), p.toStage(), Ratios.rate(n1, d1),
                    Ratios.rate(n0, d0), Ratios.changePoints(n1, d1, n0, d0)));
            if (d1 >= config.alerts().minSample() && d1 > 0
                    && (bottleneck == null || lower(n1, d1, c.reachedOf(bottleneck.toStage()),
                            c.reachedOf(bottleneck.fromStage())))) {
                bottleneck = p;
            }
        }
        List<WeeklyReviewValue.ReasonCount> top = c.lossesByReason().entrySet().stream()
                .sorted(TOP_REASONS)
                .limit(3)
                .map(e -> new WeeklyReviewValue.ReasonCount(e.getKey(), e.getValue()))
                .toList();
        return new WeeklyReviewValue(newLeads, previousLeads, Ratios.rate(newLeads - previousLeads, previousLeads),
                changes,
                bottleneck == null ? null : new WeeklyReviewValue.Bottleneck(bottleneck.fromStage(), bottleneck.toStage()),
                top, c.reachedOf(wonStage), c.wonValue(), stalledNow);
    }

    /** Strictly lower rate n1/d1 &lt; n2/d2, exactly (so equal rates keep the earlier pair). */
    private static boolean lower(long n1, long d1, long n2, long d2) {
        return Math.multiplyExact(n1, d2) < Math.multiplyExact(n2, d1);
    }

    private static Period min(Period a, Period b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Period max(Period a, Period b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
