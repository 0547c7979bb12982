package dev.funnelstreams.streams.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelstreams.registry.RegistryAuthorizationException;
import dev.funnelstreams.registry.RegistryUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

class RegistryOutageTest {

    final List<Duration> slept = new ArrayList<>();

    private static StreamsException outage() {
        return new StreamsException(new RegistryUnavailableException("schema registry http://r:8081 unreachable",
                -1, -1, "http://r:8081", null));
    }

    @Test
    void waitsWithDoublingBackoffUntilTheRegistryAnswersThenReplacesTheThread() {
        int[] probes = {0};
        RegistryOutage handler = new RegistryOutage(() -> ++probes[0] > 7,
                Clock.fixed(Instant.parse("2026-12-04T00:00:00Z"), ZoneOffset.UTC), slept::add);

        StreamThreadExceptionResponse response = handler.handle(outage());

        assertThat(response).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
        assertThat(slept).extracting(Duration::toSeconds).containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L);
        assertThat(handler.outages()).isEqualTo(1);
        assertThat(handler.current()).isEmpty();
    }

    @Test
    void saysWhyWhileItWaitsAndCountsEachOutageOnce() {
        List<String> seen = new ArrayList<>();
        RegistryOutage[] self = new RegistryOutage[1];
        int[] probes = {0};
        self[0] = new RegistryOutage(() -> {
            self[0].current().ifPresent(seen::add);
            return ++probes[0] > 1;
        }, Clock.fixed(Instant.parse("2026-12-04T00:00:00Z"), ZoneOffset.UTC), d -> { });

        self[0].handle(new StreamsException(new RegistryAuthorizationException("401 from http://r:8081", 401, 40101,
                "http://r:8081")));
        self[0].handle(outage());

        assertThat(seen.get(0)).isEqualTo("schema registry unavailable since 2026-12-04T00:00:00Z (401 from"
                + " http://r:8081); waiting for it");
        assertThat(self[0].outages()).isEqualTo(2);
    }

    @Test
    void anyOtherExceptionIsABugThatShutsTheClientDownAndReplacesNothing() {
        List<Thread> replaced = new ArrayList<>();
        RegistryOutage handler = new RegistryOutage(() -> true, replaced::add);

        assertThat(handler.handle(new StreamsException(new NullPointerException("bug"))))
                .isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
        assertThat(replaced).isEmpty();
    }

    @Test
    void theThreadItReplacesIsNamedBeforeTheReplacement() {
        List<Thread> replaced = new ArrayList<>();
        RegistryOutage handler = new RegistryOutage(() -> true, replaced::add);

        assertThat(handler.handle(outage())).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
        assertThat(replaced).containsExactly(Thread.currentThread());
    }

    @Test
    void stopsWaitingWhenTheAppClosesAndLeavesTheMembershipToTheClose() {
        List<Thread> replaced = new ArrayList<>();
        RegistryOutage[] self = new RegistryOutage[1];
        self[0] = new RegistryOutage(() -> false, replaced::add, Clock.systemUTC(), d -> self[0].close());

        assertThat(self[0].handle(outage())).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
        assertThat(replaced).isEmpty();
    }
}
