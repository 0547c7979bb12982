package dev.funnelstreams.streams.http;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Asks a route again while a store it reads is being handed over. Right after Kafka Streams
 * reaches RUNNING, and during a rebalance, the stores of a task that the state updater is still
 * handing to its stream thread are not readable for up to about a second; without this the API
 * would answer 503 meanwhile. A request that fails with {@link HttpError#notReadable} is asked
 * again every {@link #INTERVAL} for at most {@link #BOUND} in all, only while the app is RUNNING
 * or REBALANCING, and by at most {@link #MAX_WAITING} requests at once (the server's other threads
 * stay free for /health and the rest); after that the 503 goes out unchanged.
 */
final class HandoverWait {

    /** The longest a request waits for a store being handed over, in all. */
    static final Duration BOUND = Duration.ofSeconds(2);
    /** How often it asks again meanwhile. */
    static final Duration INTERVAL = Duration.ofMillis(100);
    /** Requests waiting at once, at most (half of FunnelHttpServer's 8 threads). */
    static final int MAX_WAITING = 4;

    private final Supplier<KafkaStreams.State> state;
    private final long boundNanos;
    private final long intervalNanos;
    private final Semaphore waiting;

    HandoverWait(KafkaStreams streams) {
        this(streams::state, BOUND, INTERVAL, MAX_WAITING);
    }

    HandoverWait(Supplier<KafkaStreams.State> state, Duration bound, Duration interval, int maxWaiting) {
        this.state = state;
        this.boundNanos = bound.toNanos();
        this.intervalNanos = interval.toNanos();
        this.waiting = new Semaphore(maxWaiting);
    }

    /** {@code route}, asked again while it fails because a store is being handed over. */
    Route around(Route route) {
        return request -> read(() -> route.handle(request));
    }

    /** The result of {@code read}, asked again while it throws {@link HttpError#notReadable} (see the class comment). */
    <T> T read(Supplier<T> read) {
        long deadline = System.nanoTime() + boundNanos;
        boolean holding = false;
        try {
            while (true) {
                try {
                    return read.get();
                } catch (HttpError e) {
                    long left = deadline - System.nanoTime();
                    if (!e.isNotReadable() || left <= 0 || !handingOver()) {
                        throw e;
                    }
                    if (!holding) {
                        holding = waiting.tryAcquire();
                        if (!holding) {
                            throw e; // MAX_WAITING requests are waiting already: this one answers now
                        }
                    }
                    try {
                        Thread.sleep(Math.max(1, TimeUnit.NANOSECONDS.toMillis(Math.min(left, intervalNanos))));
                    } catch (InterruptedException stop) {
                        Thread.currentThread().interrupt();
                        throw e;
                    }
                }
            }
        } finally {
            if (holding) {
                waiting.release();
            }
        }
    }

    /** Stores become readable only in these states; in any other (ERROR, PENDING_SHUTDOWN ...) waiting is useless. */
    private boolean handingOver() {
        KafkaStreams.State s = state.get();
        return s == KafkaStreams.State.RUNNING || s == KafkaStreams.State.REBALANCING;
    }
}
