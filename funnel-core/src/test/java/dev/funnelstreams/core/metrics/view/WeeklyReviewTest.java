package dev.funnelstreams.core.metrics.view;

import static dev.funnelstreams.core.fixture.Ev.created;
import static dev.funnelstreams.core.fixture.Ev.lost;
import static dev.funnelstreams.core.fixture.Ev.money;
import static dev.funnelstreams.core.fixture.Ev.t;
import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.config.PeriodKind;
import dev.funnelstreams.core.fixture.Cells;
import dev.funnelstreams.core.fixture.TestFunnel;
import dev.funnelstreams.core.metrics.WeekCounts;
import dev.funnelstreams.core.metrics.WeekKey;
import dev.funnelstreams.core.period.Period;
import dev.funnelstreams.core.metrics.view.WeeklyReviewValue.Bottleneck;
import dev.funnelstreams.core.metrics.view.WeeklyReviewValue.PairChange;
import dev.funnelstreams.core.metrics.view.WeeklyReviewValue.ReasonCount;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WeeklyReviewTest {

    // minPoints 5, minSample 2; no WEEK among the periods: the review is computed anyway
    private final FunnelConfig cfg = TestFunnel.builder().periods(PeriodKind.MONTH).alerts(5, 2).build();
    private final WeeklyReview review = new WeeklyReview(cfg);

    private static WeekCounts week(Map<String, Long> reached, Map<String, Long> losses, String wonValue) {
        return new WeekCounts(reached, losses, money(wonValue), 1);
    }

    @Test
    void comparesWithThePreviousWeekAndPicksTheEarlierPairOnATie() {
        WeekCounts prev = week(Map.of("lead", 8L, "discovery", 2L), Map.of(), "0");
        WeekCounts now = week(Map.of("lead", 4L, "discovery", 2L, "proposal", 1L, "negotiation", 1L, "won", 1L),
                Map.of("price", 3L, "timing", 2L, "competitor", 2L, "other", 1L), "1200.50");
        WeeklyReviewValue v = review.value(now, prev, null);
        assertThat(v.newLeads()).isEqualTo(4);
        assertThat(v.previousWeekLeads()).isEqualTo(8);
        assertThat(v.weekOverWeek()).isEqualTo(-0.5);
        assertThat(v.pairs()).containsExactly(
                new PairChange("lead", "discovery", 0.5, 0.25, 25.0),
                new PairChange("discovery", "proposal", 0.5, 0.0, 50.0),
                new PairChange("proposal", "negotiation", 1.0, null, null),
                new PairChange("negotiation", "won", 1.0, null, null),
                new PairChange("won", "repurchase", 0.0, null, null));
        // lead->discovery and discovery->proposal both 0.5 with enough sample: the earlier pair;
        // the later pairs have a sample of 1 < minSample 2
        assertThat(v.bottleneck()).isEqualTo(new Bottleneck("lead", "discovery"));
        assertThat(v.topLossReasons()).containsExactly(new ReasonCount("price", 3), new ReasonCount("competitor", 2),
                new ReasonCount("timing", 2));
        assertThat(v.won()).isEqualTo(1);
        assertThat(v.wonValue()).isEqualTo(money("1200.50"));
        assertThat(v.stalledNow()).isNull();
    }

    @Test
    void noBottleneckWithoutEnoughSampleAndNullRatesWithoutDenominator() {
        WeeklyReviewValue v = review.value(week(Map.of("lead", 1L), Map.of(), "0"), WeekCounts.ZERO, 3L);
        assertThat(v.bottleneck()).isNull();
        assertThat(v.weekOverWeek()).isNull();
        assertThat(v.pairs().get(0)).isEqualTo(new PairChange("lead", "discovery", 0.0, null, null));
        assertThat(v.stalledNow()).isEqualTo(3L);
    }

    @Test
    void coversEveryWeekFromTheFirstFactToTheWeekContainingNow() {
        Cells leads = new Cells(cfg).add(
                created("c1", "L-1", "2026-12-22T10:00+08:00").build(),
                created("c2", "L-2", "2027-01-01T10:00+08:00").build(),
                lost("l2", "L-2", "2027-01-02T10:00+08:00", "price"));
        Map<WeekKey, WeekCounts> weeks = leads.totals().cells(WeekKey.class);
        List<OutputRecord> records = review.records(weeks, t("2027-01-20T10:00+08:00"), 1);
        assertThat(records).extracting(r -> ((WeekKey) r.key()).week().label())
                .containsExactly("2026-W52", "2026-W53", "2027-W01", "2027-W02", "2027-W03");
        WeeklyReviewValue w53 = (WeeklyReviewValue) records.get(1).value();
        assertThat(w53.newLeads()).isEqualTo(1);
        assertThat(w53.previousWeekLeads()).isEqualTo(1);
        assertThat(w53.weekOverWeek()).isEqualTo(0.0);
        assertThat(w53.topLossReasons()).containsExactly(new ReasonCount("price", 1));
        WeeklyReviewValue w01 = (WeeklyReviewValue) records.get(2).value();
        assertThat(w01.newLeads()).isZero();
        assertThat(w01.weekOverWeek()).isEqualTo(-1.0);
        assertThat(records).extracting(r -> ((WeeklyReviewValue) r.value()).stalledNow())
                .containsExactly(null, null, null, null, 1L);

        List<OutputRecord> early = review.records(weeks, t("2026-12-01T10:00+08:00"), 0);
        assertThat(early).hasSize(5);
        assertThat(((WeekKey) early.get(0).key()).week()).isEqualTo(Period.parse("2026-W49"));
        assertThat(((WeeklyReviewValue) early.get(0).value()).stalledNow()).isZero();
        assertThat(((WeekKey) early.get(4).key()).week()).isEqualTo(Period.parse("2026-W53"));

        assertThat(review.records(Map.of(), t("2027-01-20T10:00+08:00"), 0)).isEmpty();
    }
}
