package dev.funnelstreams.registry.internals;

import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A concurrent map that never holds more than {@code capacity} entries. When full it evicts an
 * arbitrary entry: registry answers are immutable, so an evicted entry costs one more request,
 * never a wrong answer, and no LRU bookkeeping slows the hit path.
 */
public final class BoundedCache<K, V> {

    private final ConcurrentHashMap<K, V> map = new ConcurrentHashMap<>();
    private final int capacity;

    public BoundedCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
    }

    public V get(K key) {
        return map.get(key);
    }

    public void put(K key, V value) {
        if (map.size() >= capacity && !map.containsKey(key)) {
            Iterator<K> it = map.keySet().iterator();
            if (it.hasNext()) {
                it.next();
                it.remove();
            }
        }
        map.put(key, value);
    }

    public void clear() {
        map.clear();
    }

    public int size() {
        return map.size();
    }
}
