package dev.funnelstreams.alertsink.delivery;

import java.time.Duration;

/**
 * How long one message may be retried inside {@code put()}: up to {@code maxAttempts} tries with
 * exponential backoff from {@code initialBackoff} to {@code maxBackoff}, a Retry-After of the
 * destination taking precedence, all within {@code budget}; past that the task hands the batch back
 * to Connect (RetriableException) and the sent log makes the redelivery harmless.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration budget) {

    Duration backoff(int failedAttempts) {
        long ms = initialBackoff.toMillis() << Math.min(failedAttempts - 1, 30);
        return Duration.ofMillis(Math.min(ms < 0 ? Long.MAX_VALUE : ms, maxBackoff.toMillis()));
    }
}
