package dev.funnelstreams.alertsink.delivery;

import java.time.Duration;

/**
 * A destination stayed unavailable for the whole retry budget: the task hands the batch back to
 * Connect, which redelivers it after {@link #waitBeforeRetry()}; what was sent meanwhile is in the sent log.
 */
public final class Deferred extends Exception {

    private final Duration wait;

    Deferred(String reason, Duration wait, Throwable cause) {
        super(reason, cause);
        this.wait = wait;
    }

    public Duration waitBeforeRetry() {
        return wait;
    }
}
