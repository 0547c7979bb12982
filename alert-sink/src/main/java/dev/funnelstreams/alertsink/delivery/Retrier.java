package dev.funnelstreams.alertsink.delivery;

import dev.funnelstreams.alertsink.channel.DeliveryException;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs one send under a {@link RetryPolicy}; permanent failures pass straight through. */
final class Retrier {

    private static final Logger LOG = LoggerFactory.getLogger(Retrier.class);

    /** One attempt at sending. */
    @FunctionalInterface
    interface Attempt {
        void run() throws DeliveryException;
    }

    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final Clock clock;

    Retrier(RetryPolicy policy, Sleeper sleeper, Clock clock) {
        this.policy = policy;
        this.sleeper = sleeper;
        this.clock = clock;
    }

    /** Returns when sent; throws the permanent failure, or {@link Deferred} when attempts or budget are spent. */
    void run(String what, Attempt attempt) throws DeliveryException, Deferred {
        long deadline = clock.millis() + policy.budget().toMillis();
        for (int failed = 0; ; ) {
            try {
                attempt.run();
                return;
            } catch (DeliveryException e) {
                if (!e.isRetriable()) {
                    throw e;
                }
                failed++;
                Duration wait = e.retryAfter() != null ? e.retryAfter() : policy.backoff(failed);
                if (failed >= policy.maxAttempts() || clock.millis() + wait.toMillis() > deadline) {
                    throw new Deferred(e.getMessage(), wait, e);
                }
                LOG.warn("{}: attempt {} failed ({}), retrying in {} ms", what, failed, e.getMessage(), wait.toMillis());
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new Deferred(e.getMessage(), Duration.ZERO, e);
                }
            }
        }
    }
}
