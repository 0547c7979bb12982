package dev.funnelstreams.ingest.webhook;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** One accepted push waiting until Kafka answered for each of its records. */
final class PendingPush {

    /** How a push ended: every record written, some not written, or no answer for all within the timeout. */
    enum Outcome { WRITTEN, NOT_WRITTEN, TIMED_OUT }

    private final CountDownLatch remaining;
    private final AtomicInteger unwritten = new AtomicInteger();

    PendingPush(int records) {
        this.remaining = new CountDownLatch(records);
    }

    /** Kafka answered for one record: {@code written} false when the send failed or a transform dropped it. */
    void acknowledged(boolean written) {
        if (!written) {
            unwritten.incrementAndGet();
        }
        remaining.countDown();
    }

    /** Waits until Kafka answered for every record, at most {@code timeoutMs}. */
    Outcome await(long timeoutMs) throws InterruptedException {
        if (!remaining.await(timeoutMs, TimeUnit.MILLISECONDS)) {
            return Outcome.TIMED_OUT;
        }
        return unwritten.get() == 0 ? Outcome.WRITTEN : Outcome.NOT_WRITTEN;
    }

    /** How many records Kafka did not take. */
    int unwritten() {
        return unwritten.get();
    }
}
