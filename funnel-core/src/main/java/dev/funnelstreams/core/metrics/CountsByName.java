package dev.funnelstreams.core.metrics;

import java.util.Map;
import java.util.TreeMap;

/**
 * A mutable name -> count map without zero entries (stage or reason -> count), the building block of
 * {@link WeekSum} and {@link ReviewSum}: an addition changes one entry in place instead of copying
 * the map as the immutable counters' {@code plus} does.
 */
final class CountsByName {

    private final Map<String, Long> counts = new TreeMap<>();

    /** Adds every entry of {@code added}. */
    void addAll(Map<String, Long> added) {
        added.forEach(this::add);
    }

    void add(String name, long n) {
        // a null result removes the entry: a count that sums to zero is absent, as in the counters
        counts.merge(name, n, (a, b) -> a + b == 0 ? null : a + b);
    }

    boolean isEmpty() {
        return counts.isEmpty();
    }

    /** The live map (the counters' constructors copy it). */
    Map<String, Long> view() {
        return counts;
    }
}
