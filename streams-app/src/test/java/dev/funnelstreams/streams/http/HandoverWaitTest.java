package dev.funnelstreams.streams.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

/** The wait for a store being handed over: bounded, only for that 503, only while the app can still hand it over. */
class HandoverWaitTest {

    private static final Duration BOUND = Duration.ofMillis(600);
    private static final Duration INTERVAL = Duration.ofMillis(20);
    private static final String MESSAGE = "partitions [1] of store cell-totals are not readable right now"
            + " (rebalancing or restoring); try again";

    private final AtomicReference<KafkaStreams.State> state = new AtomicReference<>(KafkaStreams.State.RUNNING);
    private final HandoverWait wait = new HandoverWait(state::get, BOUND, INTERVAL, 4);

    @Test
    void asksAgainUntilTheStoreBecomesReadableWithinTheBound() {
        AtomicInteger calls = new AtomicInteger();
        long start = System.nanoTime();
        String answer = wait.read(() -> {
            if (calls.incrementAndGet() < 5) {
                throw HttpError.notReadable(MESSAGE);
            }
            return "cells";
        });
        assertThat(answer).isEqualTo("cells");
        assertThat(calls).hasValue(5);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(INTERVAL.multipliedBy(4))
                .isLessThan(BOUND);
    }

    @Test
    void waitsDuringARebalanceToo() {
        state.set(KafkaStreams.State.REBALANCING);
        AtomicInteger calls = new AtomicInteger();
        assertThat(wait.read(() -> {
            if (calls.incrementAndGet() < 3) {
                throw HttpError.notReadable(MESSAGE);
            }
            return "cells";
        })).isEqualTo("cells");
        assertThat(calls).hasValue(3);
    }

    @Test
    void givesUpAfterTheBoundWithTheSame503() {
        AtomicInteger calls = new AtomicInteger();
        long start = System.nanoTime();
        assertThatThrownBy(() -> wait.read(() -> {
            calls.incrementAndGet();
            throw HttpError.notReadable(MESSAGE);
        })).isInstanceOfSatisfying(HttpError.class, e -> {
            assertThat(e.status()).isEqualTo(503);
            assertThat(e.getMessage()).isEqualTo(MESSAGE);
        });
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).isGreaterThanOrEqualTo(BOUND).isLessThan(BOUND.plusMillis(400));
        // about one ask per interval; a loaded machine sleeps longer, never shorter
        assertThat(calls.get()).isBetween(2, (int) (BOUND.toMillis() / INTERVAL.toMillis()) + 2);
    }

    @Test
    void doesNotAskAgainForOtherErrors() {
        for (HttpError error : new HttpError[] {
                HttpError.badRequest("period: required"),
                HttpError.notFound("no lead L-1"),
                new HttpError(502, "instance 10.0.0.2:8080 answered 401: wrong token"),
                HttpError.unavailable("instance 10.0.0.2:8080 did not answer (ConnectException); try again"),
                HttpError.unavailable("the app is not running (state PENDING_SHUTDOWN); try again")}) {
            AtomicInteger calls = new AtomicInteger();
            assertThatThrownBy(() -> wait.read(() -> {
                calls.incrementAndGet();
                throw error;
            })).isSameAs(error);
            assertThat(calls).as(error.getMessage()).hasValue(1);
        }
        AtomicInteger calls = new AtomicInteger();
        RuntimeException bug = new IllegalStateException("a bug");
        assertThatThrownBy(() -> wait.read(() -> {
            calls.incrementAndGet();
            throw bug;
        })).isSameAs(bug);
        assertThat(calls).hasValue(1);
    }

    @Test
    void doesNotWaitWhenTheAppCannotHandStoresOverAnyMore() {
        for (KafkaStreams.State s : new KafkaStreams.State[] {KafkaStreams.State.ERROR,
                KafkaStreams.State.PENDING_SHUTDOWN, KafkaStreams.State.NOT_RUNNING, KafkaStreams.State.CREATED,
                KafkaStreams.State.PENDING_ERROR}) {
            state.set(s);
            AtomicInteger calls = new AtomicInteger();
            assertThatThrownBy(() -> wait.read(() -> {
                calls.incrementAndGet();
                throw HttpError.notReadable(MESSAGE);
            })).hasMessage(MESSAGE);
            assertThat(calls).as(s.name()).hasValue(1);
        }
    }

    @Test
    void stopsWaitingWhenTheAppLeavesRunningMeanwhile() {
        AtomicInteger calls = new AtomicInteger();
        long start = System.nanoTime();
        assertThatThrownBy(() -> wait.read(() -> {
            if (calls.incrementAndGet() == 3) {
                state.set(KafkaStreams.State.PENDING_SHUTDOWN);
            }
            throw HttpError.notReadable(MESSAGE);
        })).hasMessage(MESSAGE);
        assertThat(calls).hasValue(3);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(BOUND);
    }

    @Test
    void atMostMaxWaitingRequestsWaitAtOnceTheOthersAnswerAtOnce() throws Exception {
        HandoverWait one = new HandoverWait(state::get, Duration.ofSeconds(5), INTERVAL, 1);
        CountDownLatch firstIsWaiting = new CountDownLatch(1);
        CountDownLatch readable = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<String> first = pool.submit(() -> one.read(notReadableUntil(readable, firstIsWaiting)));
            assertThat(firstIsWaiting.await(5, TimeUnit.SECONDS)).isTrue();

            AtomicInteger calls = new AtomicInteger();
            long start = System.nanoTime();
            assertThatThrownBy(() -> one.read(() -> {
                calls.incrementAndGet();
                throw HttpError.notReadable(MESSAGE);
            })).hasMessage(MESSAGE);
            assertThat(calls).hasValue(1);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));

            readable.countDown();
            assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("cells");
            // the first one's permit is back: the next request may wait again
            AtomicInteger again = new AtomicInteger();
            assertThat(one.read(() -> {
                if (again.incrementAndGet() < 2) {
                    throw HttpError.notReadable(MESSAGE);
                }
                return "cells";
            })).isEqualTo("cells");
            assertThat(again).hasValue(2);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Not readable until {@code readable} opens; {@code waiting} opens once it has been asked twice (so it holds a permit). */
    private static Supplier<String> notReadableUntil(CountDownLatch readable, CountDownLatch waiting) {
        AtomicInteger calls = new AtomicInteger();
        return () -> {
            if (calls.incrementAndGet() >= 2) {
                waiting.countDown();
            }
            if (readable.getCount() > 0) {
                throw HttpError.notReadable(MESSAGE);
            }
            return "cells";
        };
    }
}
