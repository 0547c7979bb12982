package dev.funnelstreams.ingest.webhook;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** One accepted push waiting until Kafka acknowledged each of its records. */
final class PendingPush {

    private final CountDownLatch remaining;

    PendingPush(int records) {
        this.remaining = new CountDownLatch(records);
    }

    void acknowledged() {
        remaining.countDown();
    }

    /** True when every record was acknowledged within the timeout. */
    boolean await(long timeoutMs) throws InterruptedException {
        return remaining.await(timeoutMs, TimeUnit.MILLISECONDS);
    }
}
