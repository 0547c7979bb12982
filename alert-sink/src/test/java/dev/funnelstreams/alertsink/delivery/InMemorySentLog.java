package dev.funnelstreams.alertsink.delivery;

import java.util.LinkedHashMap;
import java.util.Map;

/** The sent log's contract without a broker (the Kafka one runs in AlertSinkIT); survives "restarts" by being reused. */
public final class InMemorySentLog implements SentLog {

    public final Map<String, String> entries = new LinkedHashMap<>();

    @Override
    public synchronized boolean contains(String key) {
        return entries.containsKey(key);
    }

    @Override
    public synchronized void record(String key, String outcome) {
        entries.put(key, outcome);
    }

    @Override
    public void catchUp() {
        // everything is already in memory
    }

    @Override
    public void close() {
        // reused across task instances on purpose
    }
}
