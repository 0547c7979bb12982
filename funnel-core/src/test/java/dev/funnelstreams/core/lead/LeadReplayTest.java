package dev.funnelstreams.core.lead;

import static dev.funnelstreams.core.fixture.Ev.activity;
import static dev.funnelstreams.core.fixture.Ev.created;
import static dev.funnelstreams.core.fixture.Ev.lost;
import static dev.funnelstreams.core.fixture.Ev.money;
import static dev.funnelstreams.core.fixture.Ev.moved;
import static dev.funnelstreams.core.fixture.Ev.owner;
import static dev.funnelstreams.core.fixture.Ev.t;
import static dev.funnelstreams.core.fixture.Ev.updated;
import static dev.funnelstreams.core.fixture.Ev.value;
import static dev.funnelstreams.core.fixture.Ev.won;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.event.LeadCreated;
import dev.funnelstreams.core.fixture.Histories;
import dev.funnelstreams.core.fixture.TestFunnel;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LeadReplayTest {

    private static final String T1 = "2026-03-02T09:30+08:00";
    private static final String T2 = "2026-03-05T10:00+08:00";
    private static final String T3 = "2026-03-09T11:00+08:00";
    private static final String T4 = "2026-03-12T12:00+08:00";
    private static final String T5 = "2026-03-16T12:00+08:00";

    private final FunnelConfig cfg = TestFunnel.standard();

    private LeadCreated createdAtT1() {
        return created("c", "L-1", T1).build();
    }

    @Test
    void skippingStagesReachesThemAtTheSameInstant() {
        LeadFacts f = Histories.facts(cfg, createdAtT1(), moved("m", "L-1", T2, "proposal"));
        assertThat(f.reaches()).extracting(Reach::stage, Reach::at)
                .containsExactly(tuple("lead", t(T1)), tuple("discovery", t(T2)), tuple("proposal", t(T2)));
        assertThat(f.entries()).extracting(Entry::stage).containsExactly("lead", "proposal");
        assertThat(f.stayEnds()).containsExactly(new StayEnd("lead", t(T1), t(T2), f.entries().get(0).dims()));
        assertThat(f.state().stage()).isEqualTo("proposal");
        assertThat(f.state().enteredAt()).isEqualTo(t(T2));
        assertThat(f.state().reachedAt()).containsExactly(
                java.util.Map.entry("lead", t(T1)), java.util.Map.entry("discovery", t(T2)),
                java.util.Map.entry("proposal", t(T2)));
    }

    @Test
    void movingBackwardsReachesNothingButEntersAndEndsTheStay() {
        LeadFacts f = Histories.facts(cfg, createdAtT1(), moved("m1", "L-1", T2, "proposal"),
                moved("m2", "L-1", T3, "discovery"));
        assertThat(f.reaches()).extracting(Reach::stage).containsExactly("lead", "discovery", "proposal");
        assertThat(f.entries()).extracting(Entry::stage, Entry::at)
                .containsExactly(tuple("lead", t(T1)), tuple("proposal", t(T2)), tuple("discovery", t(T3)));
        assertThat(f.stayEnds()).extracting(StayEnd::stage, StayEnd::lengthMillis)
                .containsExactly(tuple("lead", t(T2).toEpochMilli() - t(T1).toEpochMilli()),
                        tuple("proposal", t(T3).toEpochMilli() - t(T2).toEpochMilli()));
        assertThat(f.state().stage()).isEqualTo("discovery");
        assertThat(f.state().reachedAt()).containsEntry("proposal", t(T2));
    }

    @Test
    void moveToTheCurrentStageDoesNothingButTouch() {
        LeadFacts f = Histories.facts(cfg, createdAtT1(), moved("m", "L-1", T2, "lead"));
        assertThat(f.entries()).hasSize(1);
        assertThat(f.stayEnds()).isEmpty();
        assertThat(f.state().enteredAt()).isEqualTo(t(T1));
        assertThat(f.state().lastTouchAt()).isEqualTo(t(T2));
    }

    @Test
    void stageChangeOnLostLeadReopensItEvenIntoTheStageItWasLostAt() {
        LeadFacts f = Histories.facts(cfg, createdAtT1(), lost("l1", "L-1", T2, "price"),
                moved("m", "L-1", T3, "lead"), lost("l2", "L-1", T4, "competitor"));
        assertThat(f.losses()).extracting(Loss::stage, Loss::reason, Loss::at)
                .containsExactly(tuple("lead", "price", t(T2)), tuple("lead", "competitor", t(T4)));
        assertThat(f.entries()).extracting(Entry::stage, Entry::at)
                .containsExactly(tuple("lead", t(T1)), tuple("lead", t(T3)));
        assertThat(f.stayEnds()).extracting(StayEnd::enteredAt, StayEnd::endedAt)
                .containsExactly(tuple(t(T1), t(T2)), tuple(t(T3), t(T4)));
        assertThat(f.reaches()).hasSize(1);
        assertThat(f.state().active()).isFalse();
        assertThat(f.state().enteredAt()).isEqualTo(t(T3));
    }

    @Test
    void lossOfAnInactiveOrUnknownLeadIsNoFact() {
        LeadFacts f = Histories.facts(cfg, lost("l0", "L-1", "2026-03-01T09:00+08:00", "price"), createdAtT1(),
                lost("l1", "L-1", T2, "no_budget"), lost("l2", "L-1", T3, "timing"));
        assertThat(f.losses()).extracting(Loss::reason).containsExactly("no_budget");
        assertThat(f.stayEnds()).hasSize(1);

        LeadFacts never = Histories.facts(cfg, lost("l0", "L-2", T1, "price"));
        assertThat(never.losses()).isEmpty();
        assertThat(never.state().enteredFunnel()).isFalse();
    }

    @Test
    void unknownLossReasonCountsAsOther() {
        LeadFacts f = Histories.facts(cfg, createdAtT1(), lost("l", "L-1", T2, "weather"));
        assertThat(f.losses().get(0).reason()).isEqualTo("other");
    }

    @Test
    void channelComesFromLeadCreatedEvenWhenItSortsLast() {
        LeadFacts f = Histories.facts(cfg, moved("m", "L-1", T1, "discovery"),
                created("c", "L-1", T2).channel("online_ads").owner("li").build());
        assertThat(f.reaches()).extracting(r -> r.dims().channel()).containsOnly("online_ads");
        // the owner is only set from T2 on; the reaches at T1 predate it
        assertThat(f.reaches()).extracting(r -> r.dims().owner()).containsOnly("unknown");
        assertThat(f.entries()).extracting(Entry::stage).containsExactly("discovery");
        assertThat(f.state().stage()).isEqualTo("discovery");
        assertThat(f.state().owner()).isEqualTo("li");
        assertThat(f.state().channel()).isEqualTo("online_ads");
    }

    @Test
    void firstLeadCreatedFixesTheChannelAndLaterOnesChangeNoStage() {
        LeadFacts f = Histories.facts(cfg, createdAtT1(), created("c2", "L-1", T2).channel("referral")
                .stage("proposal").owner("li").build());
        assertThat(f.state().channel()).isEqualTo("expo");
        assertThat(f.state().stage()).isEqualTo("lead");
        assertThat(f.state().owner()).isEqualTo("li");
        assertThat(f.entries()).hasSize(1);

        LeadFacts blank = Histories.facts(cfg, created("c", "L-2", T1).channel("").build());
        assertThat(blank.state().channel()).isEqualTo("unknown");
        LeadFacts none = Histories.facts(cfg, moved("m", "L-3", T1, "lead"));
        assertThat(none.state().channel()).isEqualTo("unknown");
    }

    @Test
    void leadCreatedInALaterStageReachesEveryStageBefore() {
        LeadFacts f = Histories.facts(cfg, created("c", "L-1", T1).stage("proposal").build());
        assertThat(f.reaches()).extracting(Reach::stage).containsExactly("lead", "discovery", "proposal");
        assertThat(f.entries()).extracting(Entry::stage).containsExactly("proposal");
    }

    @Test
    void leadCreatedStageIsIgnoredWhenAnEarlierStageChangeEnteredTheFunnel() {
        // SPEC 3: LeadCreated after the funnel entry changes no stage, so a late-arriving earlier
        // StageChanged can take back reaches the LeadCreated alone gave (reach is not monotone here)
        LeadFacts alone = Histories.facts(cfg, created("c", "L-1", T2).stage("proposal").build());
        assertThat(alone.state().reachedAt()).containsKey("proposal");
        LeadFacts withEarlierMove = Histories.facts(cfg, created("c", "L-1", T2).stage("proposal").build(),
                moved("m", "L-1", T1, "lead"));
        assertThat(withEarlierMove.state().reachedAt()).containsOnlyKeys("lead");
        assertThat(withEarlierMove.state().stage()).isEqualTo("lead");
    }

    @Test
    void tierFollowsTheEstimatedValueAndAnExplicitTierWins() {
        LeadFacts f = Histories.facts(cfg,
                created("c", "L-1", T1).value("200000.00").build(),
                value("u1", "L-1", T2, "650000.00"),
                moved("m1", "L-1", T3, "discovery"),
                updated("u2", "L-1", T4, null, "C", null),
                moved("m2", "L-1", T4, "proposal"),
                updated("u3", "L-1", T5, null, "", "logistics"),
                moved("m3", "L-1", T5, "negotiation"));
        assertThat(f.entries()).extracting(Entry::stage, e -> e.dims().tier())
                .containsExactly(tuple("lead", "B"), tuple("discovery", "A"), tuple("proposal", "A"),
                        tuple("negotiation", "C"));
        // StageChanged sorts before LeadUpdated at the same instant: the update applies from the next fact on
        assertThat(f.stayEnds()).extracting(StayEnd::stage, s -> s.dims().tier(), s -> s.dims().industry())
                .containsExactly(tuple("lead", "A", "manufacturing"), tuple("discovery", "A", "manufacturing"),
                        tuple("proposal", "C", "manufacturing"));
        assertThat(f.state().tier()).isEqualTo("A");
        assertThat(f.state().industry()).isEqualTo("logistics");
    }

    @Test
    void leadWithoutValueHasTheLowestTier() {
        LeadFacts f = Histories.facts(cfg, createdAtT1());
        assertThat(f.entries().get(0).dims().tier()).isEqualTo("C");
        LeadFacts cleared = Histories.facts(cfg, created("c", "L-2", T1).value("900000.00").build(),
                new dev.funnelstreams.core.event.LeadUpdated("u", "L-2", t(T2), null, true, null, null));
        assertThat(cleared.state().tier()).isEqualTo("C");
        assertThat(cleared.state().estimatedValue()).isNull();
    }

    @Test
    void createdAndMovedAtTheSameInstantGiveAZeroStay() {
        LeadFacts f = Histories.facts(cfg, createdAtT1(), moved("m", "L-1", T1, "discovery"));
        assertThat(f.entries()).extracting(Entry::stage).containsExactly("lead", "discovery");
        assertThat(f.stayEnds()).extracting(StayEnd::stage, StayEnd::lengthMillis).containsExactly(tuple("lead", 0L));
    }

    @Test
    void ownerChangeAtTheSameInstantSortsAfterTheStageChange() {
        LeadFacts f = Histories.facts(cfg, createdAtT1(), moved("m", "L-1", T2, "discovery"),
                owner("o", "L-1", T2, "li"));
        assertThat(f.entries()).extracting(e -> e.dims().owner()).containsExactly("zhang", "zhang");
        assertThat(f.state().owner()).isEqualTo("li");
        LeadFacts cleared = Histories.facts(cfg, createdAtT1(), owner("o", "L-1", T2, ""));
        assertThat(cleared.state().owner()).isNull();
        assertThat(cleared.state().dims().owner()).isEqualTo("unknown");
    }

    @Test
    void winValueIsTheAmountElseTheEstimatedValueElseZero() {
        LeadFacts withAmount = Histories.facts(cfg, created("c", "L-1", T1).value("200000.00").build(),
                won("w", "L-1", T2, "won", "310000.50"));
        assertThat(withAmount.win().orElseThrow().value()).isEqualTo(money("310000.50"));
        LeadFacts estimated = Histories.facts(cfg, created("c", "L-1", T1).value("200000.00").build(),
                moved("w", "L-1", T2, "won"));
        assertThat(estimated.win().orElseThrow().value()).isEqualTo(money("200000.00"));
        LeadFacts nothing = Histories.facts(cfg, createdAtT1(), moved("w", "L-1", T2, "won"));
        assertThat(nothing.win().orElseThrow().value()).isEqualTo(money("0"));
    }

    @Test
    void onlyTheFirstArrivalAtWonIsAWinAlsoWhenItSkippedPast() {
        LeadFacts f = Histories.facts(cfg, createdAtT1(),
                won("w1", "L-1", T2, "repurchase", "100.00"),
                moved("b", "L-1", T3, "negotiation"),
                won("w2", "L-1", T4, "won", "999.00"));
        assertThat(f.win().orElseThrow().at()).isEqualTo(t(T2));
        assertThat(f.win().orElseThrow().value()).isEqualTo(money("100.00"));
        assertThat(f.reaches()).extracting(Reach::stage).containsExactly("lead", "discovery", "proposal",
                "negotiation", "won", "repurchase");
        assertThat(f.state().active()).isTrue();
    }

    @Test
    void touchesAreCreatedStageChangedAndActivityButNotLoss() {
        LeadFacts f = Histories.facts(cfg, activity("a0", "L-1", "2026-03-01T09:00+08:00"), createdAtT1(),
                lost("l", "L-1", T2, "price"), moved("m", "L-1", T3, "lead"), lost("l2", "L-1", T4, "price"));
        assertThat(f.touches()).containsExactly(t("2026-03-01T09:00+08:00"), t(T1), t(T3));
        assertThat(f.state().lastTouchAt()).isEqualTo(t(T3));
        assertThat(f.state().active()).isFalse();
    }

    @Test
    void leadWithOnlyActivitiesNeverEntersTheFunnel() {
        LeadFacts f = Histories.facts(cfg, activity("a", "L-1", T1));
        assertThat(f.state().enteredFunnel()).isFalse();
        assertThat(f.state().stage()).isNull();
        assertThat(f.funnelEntry()).isEmpty();
        assertThat(f.state().lastTouchAt()).isEqualTo(Instant.parse("2026-03-02T01:30:00Z"));
    }
}
