package dev.funnelstreams.alertsink.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelstreams.alertsink.Alerts;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A burst over a destination's limit becomes one digest when the window reopens, not a flood. */
class RateLimitTest {

    @Test
    void alertsOverTheLimitAreCountedAndSentAsOneDigestWhenATokenIsBack() throws Exception {
        try (DispatcherFixture f = new DispatcherFixture(3)) {
            Dispatcher d = f.dispatcher();
            for (int i = 0; i < 15; i++) {
                d.deliver(Alerts.stall("r" + i, "L-" + i, "alice", "B"), "t-0@" + i);
            }
            assertThat(f.paths()).hasSize(3);
            assertThat(f.sent.entries).hasSize(15).containsEntry("r14:RAISED@owner:alice", "digest 2026-03-09T09:00:00Z");

            d.flushDigests();
            assertThat(f.paths()).as("window still closed").hasSize(3);
            f.clock.advance(Duration.ofSeconds(20)); // 3/min: one token every 20 s
            d.flushDigests();
            assertThat(f.paths()).hasSize(4);
            assertThat(f.receiver.requests().get(3).body()).contains("12 more stalled leads");

            f.clock.advance(Duration.ofSeconds(20));
            d.flushDigests();
            assertThat(f.paths()).as("one digest, not one per held-back alert").hasSize(4);
        }
    }

    @Test
    void digestIsChineseWhenTheHeldBackAlertsAre() throws Exception {
        try (DispatcherFixture f = new DispatcherFixture(1)) {
            Dispatcher d = f.dispatcher();
            IntStream.range(0, 13).forEach(i -> {
                try {
                    d.deliver(Alerts.zhStall("z" + i, "L-" + i, "alice"), "t-0@" + i);
                } catch (Deferred e) {
                    throw new AssertionError(e);
                }
            });
            f.clock.advance(Duration.ofSeconds(60));
            d.deliver(Alerts.stall("other", "L-99", "bob", "B"), "t-0@99"); // any later put flushes due digests
            assertThat(f.paths()).containsExactly("/alice", "/alice", "/bob");
            assertThat(f.receiver.requests().get(1).body()).contains("另有 12 条停滞线索");
        }
    }
}
