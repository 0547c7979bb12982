package dev.funnelstreams.streams.alert;

/**
 * Decides whether a lead task has caught up with its input, so that a due deadline may raise an
 * alert. While the task works through a backlog (a replay, a backfill, a restart after downtime)
 * the state of a lead can still be changed by an event further down the backlog, so raising now
 * would announce a stall that the backlog already ended.
 *
 * <p>Rule: an event is <em>backlog</em> when it arrives more than {@code maxLag} after its
 * occurredAt (wall clock at arrival minus occurredAt). The gate is open when no backlog event has
 * arrived during the last {@code idleAfter}, counting the task's start as one. Live events keep it
 * open; a stream of old events keeps it shut until {@code idleAfter} after the last of them.
 * Stays are still cleared at once: clearing needs no gate.
 */
public final class CatchUpGate {

    private final long maxLagMillis;
    private final long idleAfterMillis;
    private long lastBacklogArrival;
    private long eventTime = Long.MIN_VALUE;

    /** @param started wall clock when the task (re)started: the gate stays shut for idleAfter from then */
    public CatchUpGate(TimerSettings settings, long started) {
        this.maxLagMillis = settings.maxLag().toMillis();
        this.idleAfterMillis = settings.idleAfter().toMillis();
        this.lastBacklogArrival = started;
    }

    /** An event with {@code occurredAt} arrived at wall clock {@code now}. */
    public void arrived(long now, long occurredAt) {
        if (now - occurredAt > maxLagMillis) {
            lastBacklogArrival = now;
        }
        eventTime = Math.max(eventTime, occurredAt);
    }

    public boolean isOpen(long now) {
        return now - lastBacklogArrival >= idleAfterMillis;
    }

    /** The latest occurredAt seen since the start (the task's event time), 0 when none. */
    public long eventTime() {
        return eventTime == Long.MIN_VALUE ? 0 : eventTime;
    }
}
