package dev.funnelstreams.alertsink.delivery;

import java.time.Clock;

/** A token bucket of {@code perMinute} tokens, refilled continuously: at most that many messages a minute, bursts included. */
final class TokenBucket {

    private final int capacity;
    private final double perMs;
    private final Clock clock;
    private double tokens;
    private long last;

    TokenBucket(int perMinute, Clock clock) {
        this.capacity = perMinute;
        this.perMs = perMinute / 60_000.0;
        this.clock = clock;
        this.tokens = perMinute;
        this.last = clock.millis();
    }

    /** Takes a token if one is there. */
    boolean tryTake() {
        refill();
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** Whether a token is there, without taking it. */
    boolean available() {
        refill();
        return tokens >= 1;
    }

    int capacity() {
        return capacity;
    }

    private void refill() {
        long now = clock.millis();
        tokens = Math.min(capacity, tokens + (now - last) * perMs);
        last = now;
    }
}
