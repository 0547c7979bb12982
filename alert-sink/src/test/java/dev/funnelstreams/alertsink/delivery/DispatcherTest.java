package dev.funnelstreams.alertsink.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnelstreams.alertsink.Alerts;
import dev.funnelstreams.avro.out.Alert;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Routing, de-duplication, CLEARED follow-ups, retries and refusals, end to end over real HTTP. */
class DispatcherTest {

    @Test
    void deliversToOwnerAndRuleOnceAndAFreshTaskWithTheSameSentLogSendsNothingAgain() throws Exception {
        try (DispatcherFixture f = new DispatcherFixture(20)) {
            Alert a = Alerts.stall("s1", "L-1", "alice", "A");
            assertThat(f.dispatcher().deliver(a, "t-0@0")).isEmpty();
            assertThat(f.paths()).containsExactly("/alice", "/managers");
            assertThat(f.sent.entries).containsOnlyKeys("s1:RAISED@owner:alice", "s1:RAISED@rule:a-stalls");

            f.dispatcher().deliver(a, "t-0@0"); // redelivered after a restart
            assertThat(f.paths()).containsExactly("/alice", "/managers");
        }
    }

    @Test
    void raisedAgainForANewOwnerGoesToTheNewOwnerOnly() throws Exception {
        try (DispatcherFixture f = new DispatcherFixture(20)) {
            Dispatcher d = f.dispatcher();
            d.deliver(Alerts.stall("s2", "L-2", "alice", "A"), "t-0@1");
            d.deliver(Alerts.stall("s2", "L-2", "bob", "A"), "t-0@2");
            assertThat(f.paths()).containsExactly("/alice", "/managers", "/bob");
        }
    }

    @Test
    void clearedGoesOnlyWhereTheRouteAsksForIt() throws Exception {
        try (DispatcherFixture f = new DispatcherFixture(20)) {
            Dispatcher d = f.dispatcher();
            Alert alice = Alerts.stall("s3", "L-3", "alice", "B");
            Alert bob = Alerts.stall("s4", "L-4", "bob", "B");
            d.deliver(alice, "t-0@1");
            d.deliver(bob, "t-0@2");
            d.deliver(Alerts.cleared(alice), "t-0@3");
            d.deliver(Alerts.cleared(bob), "t-0@4");
            assertThat(f.paths()).containsExactly("/alice", "/bob", "/alice");
            assertThat(f.receiver.requests().get(2).body()).contains("[CLEARED]").contains("s3:CLEARED");
        }
    }

    @Test
    void conversionDropWithoutOwnerGoesToTheDefaultRoute() throws Exception {
        try (DispatcherFixture f = new DispatcherFixture(20)) {
            f.dispatcher().deliver(Alerts.conversionDrop("c1"), "t-0@5");
            assertThat(f.paths()).containsExactly("/default");
            assertThat(f.receiver.only().body()).contains("Dashboard: https://funnel.example.com/");
        }
    }

    @Test
    void honoursRetryAfterThenBacksOffExponentiallyWithoutIt() throws Exception {
        try (DispatcherFixture f = new DispatcherFixture(20)) {
            f.receiver.then(429, Map.of("Retry-After", "3"), "rate_limited");
            f.receiver.then(503, Map.of(), "busy");
            f.receiver.then(503, Map.of(), "busy");
            f.dispatcher().deliver(Alerts.stall("s5", "L-5", "bob", "B"), "t-0@6");
            assertThat(f.sleeps).containsExactly(Duration.ofSeconds(3), Duration.ofMillis(1000), Duration.ofMillis(2000));
            assertThat(f.paths()).hasSize(4);
            assertThat(f.sent.entries).containsKey("s5:RAISED@owner:bob");
        }
    }

    @Test
    void aRetryAfterBeyondTheBudgetHandsTheBatchBackWithThatWaitAndRecordsNothing() throws Exception {
        try (DispatcherFixture f = new DispatcherFixture(20)) {
            f.receiver.then(429, Map.of("Retry-After", "120"), "rate_limited");
            assertThatThrownBy(() -> f.dispatcher().deliver(Alerts.stall("s6", "L-6", "bob", "B"), "t-0@7"))
                    .isInstanceOfSatisfying(Deferred.class, e -> assertThat(e.waitBeforeRetry()).hasSeconds(120));
            assertThat(f.sleeps).isEmpty();
            assertThat(f.sent.entries).isEmpty();
        }
    }

    @Test
    void permanentRefusalIsReturnedForTheDeadLetterQueueAndNotRetried() throws Exception {
        try (DispatcherFixture f = new DispatcherFixture(20)) {
            f.receiver.then(400, Map.of(), "invalid_payload");
            assertThat(f.dispatcher().deliver(Alerts.stall("s7", "L-7", "bob", "B"), "t-0@8"))
                    .containsExactly("bob: HTTP 400 invalid_payload");
            assertThat(f.paths()).hasSize(1);
            assertThat(f.sent.entries).containsEntry("s7:RAISED@owner:bob", "refused 2026-03-09T09:00:00Z");
        }
    }
}
