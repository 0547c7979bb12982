package dev.funnelstreams.streams.alert;

import java.time.Duration;

/**
 * How the alert timers run.
 *
 * @param interval  how often the wall-clock punctuator looks for due deadlines
 * @param maxLag    an event whose occurredAt is older than this when it arrives counts as backlog
 * @param idleAfter timers fire only once no backlog event has arrived for this long (and this long
 *                  after the task started): see {@link CatchUpGate}
 * @param maxFires  at most this many deadlines fire in one punctuation; the rest fire in the next
 */
public record TimerSettings(Duration interval, Duration maxLag, Duration idleAfter, int maxFires) {

    public static final TimerSettings DEFAULTS =
            new TimerSettings(Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofSeconds(30), 10_000);

    public TimerSettings {
        if (interval.isNegative() || interval.isZero() || maxLag.isNegative() || idleAfter.isNegative()
                || maxFires < 1) {
            throw new IllegalArgumentException("timer settings must be positive: " + interval + ", " + maxLag
                    + ", " + idleAfter + ", " + maxFires);
        }
    }
}
