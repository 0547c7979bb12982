package dev.funnelstreams.alertsink.delivery;

import java.time.Duration;

/** Waits between retries; tests pass one that records the waits. */
@FunctionalInterface
public interface Sleeper {

    Sleeper REAL = d -> Thread.sleep(d.toMillis());

    void sleep(Duration d) throws InterruptedException;
}
