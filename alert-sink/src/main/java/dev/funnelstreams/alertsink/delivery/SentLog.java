package dev.funnelstreams.alertsink.delivery;

/**
 * What the connector has delivered (or deliberately not delivered: digested, dead-lettered), keyed
 * by {@code alertId:status@targetId}. It outlives the task, so a record redelivered after a restart
 * or a rebalance is recognised and not sent again.
 */
public interface SentLog extends AutoCloseable {

    boolean contains(String key);

    /** Records {@code key}; durable when this returns. */
    void record(String key, String outcome);

    /** Reads what other tasks (or an earlier run) recorded since the last call. */
    void catchUp();

    @Override
    void close();
}
