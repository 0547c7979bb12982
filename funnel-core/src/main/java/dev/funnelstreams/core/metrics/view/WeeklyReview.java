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
import java.util.function.ToLongFunction;

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
                .toList();
        Period current = Periods.of(now, PeriodKind.WEEK, config.timezone());
        List<OutputRecord> out = new ArrayList<>();
        for (Period w : covered(withFacts, current)) {
            WeekCounts c = weeks.getOrDefault(new WeekKey(w), WeekCounts.ZERO);
            WeekCounts prev = weeks.getOrDefault(new WeekKey(w.previous()), WeekCounts.ZERO);
            Long stalled = w.equals(current) ? stalledNow : null;
            out.add(new OutputRecord(OutputTopic.WEEKLY_REVIEW, new WeekKey(w), value(c, prev, stalled)));
        }
        return out;
    }

    /** The review of one week given its cell and the previous week's. */
    public WeeklyReviewValue value(WeekCounts c, WeekCounts prev, Long stalledNow) {
        Parts p = parts(c::reachedOf, prev::reachedOf, c.lossesByReason());
        return new WeeklyReviewValue(p.newLeads(), p.previousLeads(), p.change(), p.pairs(), p.bottleneck(),
                p.topLossReasons(), c.reachedOf(wonStage), c.wonValue(), stalledNow);
    }

    /** The fields a weekly and a period review share (SPEC sections 4, 8 and 9). */
    record Parts(long newLeads, long previousLeads, Double change, List<WeeklyReviewValue.PairChange> pairs,
            WeeklyReviewValue.Bottleneck bottleneck, List<WeeklyReviewValue.ReasonCount> topLossReasons) {
    }

    /**
     * The shared fields of a review from the reach counts of its period and of the previous one.
     *
     * @param lossesByReason reason -> losses in the period at all stages
     */
    Parts parts(ToLongFunction<String> reached, ToLongFunction<String> previous, Map<String, Long> lossesByReason) {
        long newLeads = reached.applyAsLong(firstStage);
        long previousLeads = previous.applyAsLong(firstStage);
        List<WeeklyReviewValue.PairChange> changes = new ArrayList<>();
        ConversionPair bottleneck = null;
        for (ConversionPair p : pairs) {
            long n1 = reached.applyAsLong(p.toStage());
            long d1 = reached.applyAsLong(p.fromStage());
            long n0 = previous.applyAsLong(p.toStage());
            long d0 = previous.applyAsLong(p.fromStage());
            changes.add(new WeeklyReviewValue.PairChange(p.fromStage(), p.toStage(), Ratios.rate(n1, d1),
                    Ratios.rate(n0, d0), Ratios.changePoints(n1, d1, n0, d0)));
            if (d1 >= config.alerts().minSample() && d1 > 0
                    && (bottleneck == null || lower(n1, d1, reached.applyAsLong(bottleneck.toStage()),
                            reached.applyAsLong(bottleneck.fromStage())))) {
                bottleneck = p;
            }
        }
        List<WeeklyReviewValue.ReasonCount> top = lossesByReason.entrySet().stream()
                .sorted(TOP_REASONS)
                .limit(3)
                .map(e -> new WeeklyReviewValue.ReasonCount(e.getKey(), e.getValue()))
                .toList();
        return new Parts(newLeads, previousLeads, Ratios.rate(newLeads - previousLeads, previousLeads), changes,
                bottleneck == null ? null : new WeeklyReviewValue.Bottleneck(bottleneck.fromStage(), bottleneck.toStage()),
                top);
    }

    /**
     * The periods a review covers, without gaps: from the earlier to the later of (the first period
     * holding a fact; the period containing now) and (the last one; that period). Empty when no
     * period holds a fact.
     */
    static List<Period> covered(List<Period> withFacts, Period current) {
        if (withFacts.isEmpty()) {
            return List.of();
        }
        List<Period> sorted = withFacts.stream().sorted().toList();
        Period first = min(sorted.get(0), current);
        Period last = max(sorted.get(sorted.size() - 1), current);
        List<Period> out = new ArrayList<>();
        for (Period p = first; p.compareTo(last) <= 0; p = p.next()) {
            out.add(p);
        }
        return out;
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
