package dev.funnelstreams.streams.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelstreams.avro.out.Alert;
import dev.funnelstreams.avro.out.AlertStatus;
import dev.funnelstreams.avro.out.AlertType;
import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.config.FunnelConfigLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The alert timers driven by the TopologyTestDriver's wall clock (SPEC section 5). */
class AlertTimersTopologyTest {

    static final FunnelConfig CONFIG = FunnelConfigLoader.load(Path.of("src/test/resources/funnel.yaml"));
    static final Instant NOW = Instant.parse("2026-03-25T00:00:00Z");
    /** Longer than the catch-up gate's idleAfter: the backlog is over. */
    static final Duration CAUGHT_UP = TimerSettings.DEFAULTS.idleAfter().plusSeconds(1);

    private static int ids;

    static String created(String lead, Instant at, String value) {
        return "{\"eventId\":\"c-" + (++ids) + "\",\"type\":\"LeadCreated\",\"leadId\":\"" + lead + "\",\"occurredAt\":\""
                + at + "\",\"channel\":\"expo\",\"owner\":\"zhang.wei\",\"stage\":\"lead\",\"estimatedValue\":\""
                + value + "\"}";
    }

    static String moved(String lead, Instant at, String to) {
        return "{\"eventId\":\"m-" + (++ids) + "\",\"type\":\"StageChanged\",\"leadId\":\"" + lead
                + "\",\"occurredAt\":\"" + at + "\",\"toStage\":\"" + to + "\"}";
    }

    static String activity(String lead, Instant at) {
        return "{\"eventId\":\"a-" + (++ids) + "\",\"type\":\"ActivityLogged\",\"leadId\":\"" + lead
                + "\",\"occurredAt\":\"" + at + "\",\"activity\":\"call\"}";
    }

    static String lost(String lead, Instant at) {
        return "{\"eventId\":\"l-" + (++ids) + "\",\"type\":\"LeadLost\",\"leadId\":\"" + lead
                + "\",\"occurredAt\":\"" + at + "\",\"reason\":\"price\"}";
    }

    static String tier(String lead, Instant at, String tier) {
        return "{\"eventId\":\"u-" + (++ids) + "\",\"type\":\"LeadUpdated\",\"leadId\":\"" + lead
                + "\",\"occurredAt\":\"" + at + "\",\"tier\":\"" + tier + "\"}";
    }

    static List<Alert> of(List<Alert> alerts, AlertType type) {
        return alerts.stream().filter(a -> a.getType() == type).toList();
    }

    @Test
    void raisesStallAtTheDeadlineAndNotBefore() {
        try (AlertFixture f = new AlertFixture(CONFIG, NOW)) {
            Instant entered = NOW.minus(Duration.ofDays(14)).plus(Duration.ofMinutes(10));
            f.pipe(created("L-1", entered, "200000.00"));
            f.advance(CAUGHT_UP);
            assertThat(of(f.open(), AlertType.STALL)).isEmpty();
            f.advance(Duration.ofMinutes(9));
            assertThat(of(f.open(), AlertType.STALL)).isEmpty();
            f.advance(Duration.ofMinutes(1));
            List<Alert> stall = of(f.open(), AlertType.STALL);
            assertThat(stall).hasSize(1);
            Alert a = stall.get(0);
            assertThat(a.getLeadId()).isEqualTo("L-1");
            assertThat(a.getStage()).isEqualTo("lead");
            assertThat(a.getStageName()).isEqualTo("线索获取");
            assertThat(a.getSince()).isEqualTo(entered);
            assertThat(a.getDeadline()).isEqualTo(entered.plus(Duration.ofDays(14)));
            assertThat(a.getRaisedAt()).isAfterOrEqualTo(a.getDeadline());
            assertThat(a.getMessage()).contains("线索 L-1").contains("线索获取").contains("14 天");
            assertThat(a.getAlertId()).isEqualTo(dev.funnelstreams.core.alert.AlertIds.of(
                    dev.funnelstreams.core.alert.AlertType.STALL, "L-1", "lead", entered));
            // raised once: more time passes, nothing new
            f.advance(Duration.ofDays(2));
            assertThat(of(f.emitted(), AlertType.STALL)).hasSize(1);
        }
    }

    @Test
    void clearsStallWhenTheStayEndsAndRaisesAgainForANewStay() {
        try (AlertFixture f = new AlertFixture(CONFIG, NOW)) {
            f.pipe(created("L-1", NOW.minus(Duration.ofDays(20)), "200000.00"));
            f.advance(CAUGHT_UP);
            Alert first = of(f.open(), AlertType.STALL).get(0);
            f.pipe(moved("L-1", NOW, "discovery"));
            List<Alert> emitted = of(f.emitted(), AlertType.STALL);
            assertThat(emitted).extracting(Alert::getStatus).containsExactly(AlertStatus.RAISED, AlertStatus.CLEARED);
            assertThat(emitted.get(1).getAlertId()).isEqualTo(first.getAlertId());
            assertThat(f.history.get(f.history.size() - 1).value()).as("tombstone after CLEARED").isNull();
            assertThat(of(f.open(), AlertType.STALL)).isEmpty();

            Instant back = NOW.plus(Duration.ofMinutes(1));
            f.advance(Duration.ofMinutes(1));
            f.pipe(moved("L-1", back, "lead"));
            f.advance(Duration.ofDays(14));
            List<Alert> open = of(f.open(), AlertType.STALL);
            assertThat(open).hasSize(1);
            assertThat(open.get(0).getAlertId()).isNotEqualTo(first.getAlertId());
            assertThat(open.get(0).getSince()).isEqualTo(back);
        }
    }

    @Test
    void clearsOnLossAndRaisesNothingForALostLead() {
        try (AlertFixture f = new AlertFixture(CONFIG, NOW)) {
            f.pipe(created("L-1", NOW.minus(Duration.ofDays(20)), "200000.00"));
            f.pipe(created("L-2", NOW.minus(Duration.ofDays(40)), "200000.00"),
                    lost("L-2", NOW.minus(Duration.ofDays(39))));
            f.advance(CAUGHT_UP);
            assertThat(f.open()).extracting(Alert::getLeadId).containsOnly("L-1");
            f.pipe(lost("L-1", NOW));
            assertThat(f.open()).isEmpty();
            assertThat(f.emitted()).filteredOn(a -> a.getStatus() == AlertStatus.CLEARED)
                    .extracting(Alert::getType).containsExactlyInAnyOrder(AlertType.STALL, AlertType.FOLLOW_UP_OVERDUE);
            f.advance(Duration.ofDays(60));
            assertThat(f.open()).isEmpty();
            assertThat(f.emitted()).noneMatch(a -> a.getLeadId().equals("L-2"));
        }
    }

    @Test
    void clearsFollowUpAtTheNextTouchAndRaisesTheNextGap() {
        try (AlertFixture f = new AlertFixture(CONFIG, NOW)) {
            Instant touched = NOW.minus(Duration.ofDays(3)).plus(Duration.ofHours(1)); // tier B: every 3 days
            f.pipe(created("L-1", touched, "200000.00"));
            f.advance(CAUGHT_UP);
            assertThat(f.open()).isEmpty();
            f.advance(Duration.ofHours(1));
            Alert overdue = of(f.open(), AlertType.FOLLOW_UP_OVERDUE).get(0);
            assertThat(overdue.getSince()).isEqualTo(touched);
            assertThat(overdue.getTier()).isEqualTo("B");
            assertThat(overdue.getOwner()).isEqualTo("zhang.wei");

            Instant call = NOW.plus(Duration.ofHours(2));
            f.advance(Duration.ofHours(1));
            f.pipe(activity("L-1", call));
            assertThat(of(f.open(), AlertType.FOLLOW_UP_OVERDUE)).isEmpty();
            f.advance(Duration.ofDays(3));
            Alert next = of(f.open(), AlertType.FOLLOW_UP_OVERDUE).get(0);
            assertThat(next.getSince()).isEqualTo(call);
            assertThat(next.getAlertId()).isNotEqualTo(overdue.getAlertId());
        }
    }

    @Test
    void aTouchLeavesTheDeadlineIndexAloneAndTheFollowUpStillComesOnTime() {
        try (AlertFixture f = new AlertFixture(CONFIG, NOW)) {
            Instant created = NOW.minus(Duration.ofDays(1)); // tier B: every 3 days
            f.pipe(created("L-1", created, "200000.00"));
            f.advance(CAUGHT_UP);
            List<String> indexed = deadlineKeys(f);
            Instant call = NOW.plus(Duration.ofHours(1));
            f.advance(Duration.ofHours(1));
            f.pipe(activity("L-1", call));
            // the follow-up deadline moved later: its index entry stays (no delete, no put)
            assertThat(deadlineKeys(f)).isEqualTo(indexed);
            // the early entry comes due two days after creation, finds the real deadline later, re-schedules
            f.advance(Duration.ofDays(2));
            assertThat(of(f.open(), AlertType.FOLLOW_UP_OVERDUE)).isEmpty();
            assertThat(deadlineKeys(f)).isNotEqualTo(indexed);
            f.advance(Duration.ofDays(1));
            Alert overdue = of(f.open(), AlertType.FOLLOW_UP_OVERDUE).get(0);
            assertThat(overdue.getSince()).isEqualTo(call);
        }
    }

    @Test
    void aDeadlineThatComesEarlierReplacesItsIndexEntryAndALossRemovesIt() {
        try (AlertFixture f = new AlertFixture(CONFIG, NOW)) {
            Instant touched = NOW.minus(Duration.ofDays(2));
            f.pipe(created("L-1", touched, "1000.00")); // tier C: follow up every 7 days; stall after 14
            assertThat(indexed(f)).containsExactly("FOLLOW_UP_OVERDUE " + touched.plus(Duration.ofDays(7)));
            f.pipe(tier("L-1", NOW, "A")); // every day: the deadline comes earlier, the old entry goes
            assertThat(indexed(f)).containsExactly("FOLLOW_UP_OVERDUE " + touched.plus(Duration.ofDays(1)));
            f.pipe(lost("L-1", NOW.plusSeconds(60)));
            assertThat(deadlineKeys(f)).isEmpty();
        }
    }

    @Test
    void oneIndexEntryStandsForTheLeadsEarliestDeadlineAndSchedulesTheNextWhenItFires() {
        try (AlertFixture f = new AlertFixture(CONFIG, NOW)) {
            Instant created = NOW.minus(Duration.ofDays(2));
            f.pipe(created("L-1", created, "1000.00")); // tier C: follow-up due in 5 days, stall in 12
            assertThat(indexed(f)).containsExactly("FOLLOW_UP_OVERDUE " + created.plus(Duration.ofDays(7)));
            f.advance(CAUGHT_UP);
            f.advance(Duration.ofDays(5));
            assertThat(f.open()).extracting(Alert::getType).containsExactly(AlertType.FOLLOW_UP_OVERDUE);
            assertThat(indexed(f)).containsExactly("STALL " + created.plus(Duration.ofDays(14)));
            f.advance(Duration.ofDays(7));
            assertThat(of(f.open(), AlertType.STALL)).extracting(Alert::getDeadline)
                    .containsExactly(created.plus(Duration.ofDays(14)));
            assertThat(of(f.open(), AlertType.FOLLOW_UP_OVERDUE)).hasSize(1);
            assertThat(deadlineKeys(f)).as("both raised: nothing left to schedule").isEmpty();
        }
    }

    @Test
    void anEarlierVersionsEntryPerTypeRaisesEachDeadlineOnceAndALaterChangeKeepsTheEarliest() {
        try (AlertFixture f = new AlertFixture(CONFIG, NOW)) {
            Instant created = NOW.minus(Duration.ofDays(2));
            f.pipe(created("L-1", created, "1000.00")); // tier C: follow-up due in 5 days, stall in 12
            long followUp = created.plus(Duration.ofDays(7)).toEpochMilli();
            long stall = created.plus(Duration.ofDays(14)).toEpochMilli();
            writeEarlierVersionTimers(f, "L-1", followUp, stall);
            assertThat(indexed(f)).hasSize(2);
            f.advance(CAUGHT_UP);
            f.advance(Duration.ofDays(5));
            assertThat(f.open()).extracting(Alert::getType).containsExactly(AlertType.FOLLOW_UP_OVERDUE);
            assertThat(indexed(f)).containsExactly("STALL " + Instant.ofEpochMilli(stall));
            f.advance(Duration.ofDays(7));
            assertThat(f.emitted()).extracting(Alert::getType)
                    .containsExactlyInAnyOrder(AlertType.FOLLOW_UP_OVERDUE, AlertType.STALL);
            assertThat(deadlineKeys(f)).isEmpty();
        }
        try (AlertFixture f = new AlertFixture(CONFIG, NOW)) {
            // the same start, and an event before anything is due: its change keeps the earliest entry only
            Instant created = NOW.minus(Duration.ofDays(2));
            f.pipe(created("L-2", created, "1000.00"));
            long followUp = created.plus(Duration.ofDays(7)).toEpochMilli();
            long stall = created.plus(Duration.ofDays(14)).toEpochMilli();
            writeEarlierVersionTimers(f, "L-2", followUp, stall);
            assertThat(indexed(f)).hasSize(2);
            f.advance(Duration.ofHours(1));
            f.pipe(activity("L-2", NOW.plus(Duration.ofHours(1))));
            assertThat(indexed(f)).containsExactly("FOLLOW_UP_OVERDUE " + Instant.ofEpochMilli(followUp));
        }
    }

    /** What an earlier version wrote for a lead: a timer and an index entry per type (the follow-up's is there). */
    private static void writeEarlierVersionTimers(AlertFixture f, String lead, long followUp, long stall) {
        org.apache.kafka.streams.state.KeyValueStore<String, LeadAlerts> leadAlerts =
                f.driver.getKeyValueStore(dev.funnelstreams.streams.StoreNames.LEAD_ALERTS);
        leadAlerts.put(lead, new LeadAlerts(List.of(
                new LeadAlerts.Timer(dev.funnelstreams.core.alert.AlertType.FOLLOW_UP_OVERDUE, followUp),
                new LeadAlerts.Timer(dev.funnelstreams.core.alert.AlertType.STALL, stall)), List.of()));
        org.apache.kafka.streams.state.KeyValueStore<org.apache.kafka.common.utils.Bytes, byte[]> index =
                f.driver.getKeyValueStore(dev.funnelstreams.streams.StoreNames.ALERT_DEADLINES);
        index.put(org.apache.kafka.common.utils.Bytes.wrap(DeadlineKeys.of(stall, lead,
                dev.funnelstreams.core.alert.AlertType.STALL)), new byte[] {1});
    }

    /** The deadline index's entries as "TYPE due", in key (due) order. */
    private static List<String> indexed(AlertFixture f) {
        return indexKeys(f).stream().map(DeadlineKeys::decode)
                .map(d -> d.type().name() + " " + Instant.ofEpochMilli(d.dueMillis())).toList();
    }

    private static List<String> deadlineKeys(AlertFixture f) {
        return indexKeys(f).stream().map(java.util.HexFormat.of()::formatHex).toList();
    }

    private static List<byte[]> indexKeys(AlertFixture f) {
        List<byte[]> keys = new java.util.ArrayList<>();
        org.apache.kafka.streams.state.KeyValueStore<org.apache.kafka.common.utils.Bytes, byte[]> store =
                f.driver.getKeyValueStore(dev.funnelstreams.streams.StoreNames.ALERT_DEADLINES);
        try (var it = store.all()) {
            it.forEachRemaining(kv -> keys.add(kv.key.get()));
        }
        return keys;
    }

    @Test
    void tierChangeMovesTheFollowUpDeadline() {
        try (AlertFixture f = new AlertFixture(CONFIG, NOW)) {
            Instant touched = NOW.minus(Duration.ofDays(2));
            f.pipe(created("L-1", touched, "1000.00")); // tier C: every 7 days, due in 5 days
            f.advance(CAUGHT_UP);
            assertThat(f.open()).isEmpty();
            f.pipe(tier("L-1", NOW, "A")); // every day: overdue since a day ago
            f.advance(Duration.ofSeconds(1));
            Alert a = of(f.open(), AlertType.FOLLOW_UP_OVERDUE).get(0);
            assertThat(a.getTier()).isEqualTo("A");
            assertThat(a.getDeadline()).isEqualTo(touched.plus(Duration.ofDays(1)));

            f.pipe(tier("L-1", NOW.plusSeconds(60), "C")); // back to weekly: no longer overdue
            assertThat(of(f.open(), AlertType.FOLLOW_UP_OVERDUE)).isEmpty();
            f.advance(Duration.ofDays(5));
            assertThat(of(f.open(), AlertType.FOLLOW_UP_OVERDUE)).extracting(Alert::getDeadline)
                    .containsExactly(touched.plus(Duration.ofDays(7)));
        }
    }

    @Test
    void stalledCountsFollowTheTimers() {
        try (AlertFixture f = new AlertFixture(CONFIG, NOW)) {
            f.pipe(created("L-1", NOW.minus(Duration.ofDays(20)), "200000.00"),
                    created("L-2", NOW.minus(Duration.ofDays(2)), "200000.00"));
            f.advance(CAUGHT_UP);
            f.advance(Duration.ofSeconds(1)); // flush the stalled deltas through the cell tasks
            assertThat(f.snapshot("all", "all", "lead").getActive()).isEqualTo(2);
            assertThat(f.snapshot("all", "all", "lead").getStalled()).isEqualTo(1);
            assertThat(f.snapshot("owner", "zhang.wei", "lead").getStalled()).isEqualTo(1);
            assertThat(f.review("2026-W13").getStalledNow()).isEqualTo(1L);

            f.pipe(moved("L-1", NOW, "discovery"));
            f.advance(Duration.ofSeconds(1));
            assertThat(f.snapshot("all", "all", "lead").getStalled()).isEqualTo(0);
            assertThat(f.review("2026-W13").getStalledNow()).isEqualTo(0L);
        }
    }

    @Test
    void raisesNothingWhileCatchingUpOnABacklogForStaysTheBacklogEnds() {
        try (AlertFixture f = new AlertFixture(CONFIG, NOW)) {
            // a backlog arriving over 2 minutes, punctuations in between; L-1's first stay (stalled 46
            // days ago) is ended by an event further down the backlog
            f.pipe(created("L-1", NOW.minus(Duration.ofDays(60)), "200000.00"));
            for (int i = 0; i < 120; i++) {
                f.advance(Duration.ofSeconds(1));
                f.pipe(activity("L-" + (100 + i), NOW.minus(Duration.ofDays(50))));
            }
            f.pipe(moved("L-1", NOW.minus(Duration.ofDays(10)), "discovery"));
            assertThat(f.emitted()).isEmpty();
            f.advance(CAUGHT_UP);
            // only the follow-up gap still open at the end (tier B, last touch 10 days ago)
            assertThat(f.emitted()).extracting(Alert::getType).containsExactly(AlertType.FOLLOW_UP_OVERDUE);
        }
    }
}
