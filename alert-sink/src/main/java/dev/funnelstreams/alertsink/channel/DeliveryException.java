package dev.funnelstreams.alertsink.channel;

import java.time.Duration;

/**
 * A message that did not reach its destination. Retriable (5xx, 429, a robot's "too fast" code, a
 * network error) or permanent (any other 4xx, a refused address, a bad signature): permanent ones go
 * to the dead letter queue. The message never contains a URL, token or address.
 */
public final class DeliveryException extends Exception {

    private final boolean retriable;
    private final Duration retryAfter;

    private DeliveryException(String reason, boolean retriable, Duration retryAfter, Throwable cause) {
        super(reason, cause);
        this.retriable = retriable;
        this.retryAfter = retryAfter;
    }

    public static DeliveryException retriable(String reason, Duration retryAfter) {
        return new DeliveryException(reason, true, retryAfter, null);
    }

    public static DeliveryException retriable(String reason, Throwable cause) {
        return new DeliveryException(reason, true, null, cause);
    }

    public static DeliveryException permanent(String reason) {
        return new DeliveryException(reason, false, null, null);
    }

    public static DeliveryException permanent(String reason, Throwable cause) {
        return new DeliveryException(reason, false, null, cause);
    }

    public boolean isRetriable() {
        return retriable;
    }

    /** How long the destination asked to wait (Retry-After), or null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
