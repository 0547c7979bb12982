package dev.funnelstreams.ingest.webhook;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Hand-over between HTTP threads and the task: a bounded queue of records, each remembered (by
 * identity: the worker hands the same instance to commitRecord) with the push it belongs to.
 */
final class PushQueue {

    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final List<SourceRecord> queue = new ArrayList<>();
    private final Map<SourceRecord, PendingPush> owners = new IdentityHashMap<>();

    PushQueue(int capacity) {
        this.capacity = capacity;
    }

    /** Queues all records of a push, or none of them (false) when they do not fit: back-pressure. */
    boolean offer(List<SourceRecord> records, PendingPush push) {
        lock.lock();
        try {
            if (queue.size() + records.size() > capacity) {
                return false;
            }
            queue.addAll(records);
            records.forEach(r -> owners.put(r, push));
            notEmpty.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Up to {@code max} records, waiting up to {@code waitMs} for the first; empty when none came. */
    List<SourceRecord> take(int max, long waitMs) throws InterruptedException {
        lock.lock();
        try {
            if (queue.isEmpty()) {
                notEmpty.await(waitMs, TimeUnit.MILLISECONDS);
            }
            int n = Math.min(max, queue.size());
            List<SourceRecord> out = new ArrayList<>(queue.subList(0, n));
            queue.subList(0, n).clear();
            return out;
        } finally {
            lock.unlock();
        }
    }

    /** Kafka answered for a record ({@code written} false: not taken): count it for its push. */
    void acknowledged(SourceRecord r, boolean written) {
        PendingPush p;
        lock.lock();
        try {
            p = owners.remove(r);
        } finally {
            lock.unlock();
        }
        if (p != null) {
            p.acknowledged(written);
        }
    }
}
