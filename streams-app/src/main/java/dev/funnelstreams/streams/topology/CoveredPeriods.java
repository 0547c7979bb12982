package dev.funnelstreams.streams.topology;

import dev.funnelstreams.core.period.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The periods of one kind a review covers (SPEC sections 8 and 9): without gaps, from the first
 * period holding facts to the last, extended to the period containing now. Tells the aggregator
 * which review records to re-write and which to delete when a period's cell changes or the clock
 * moves into the next period. The range of periods with facts is cached and re-scanned only when a
 * period gains its first fact or loses its last.
 */
final class CoveredPeriods {

    /** Review records to write and to delete, each in period order. */
    record Emission(List<Period> write, List<Period> delete) {
        static final Emission NONE = new Emission(List.of(), List.of());
    }

    private final Supplier<List<Period>> periodsWithFacts;
    private Period current;
    /** First and last period holding facts; null when unknown, empty when none. */
    private Period[] range;

    /**
     * @param current          the period containing now
     * @param periodsWithFacts scans the store for the periods of this kind holding facts
     */
    CoveredPeriods(Period current, Supplier<List<Period>> periodsWithFacts) {
        this.current = current;
        this.periodsWithFacts = periodsWithFacts;
    }

    Period current() {
        return current;
    }

    /** A period's cell changed; a review reads its period and the one before, so p and p.next() are re-written. */
    Emission changed(Period p, boolean hadFacts, boolean hasFacts) {
        Period[] before = covered();
        if (hadFacts != hasFacts) {
            range = null;
        }
        return emission(before, covered(), Set.of(p, p.next()));
    }

    /** The clock moved into {@code now}'s period: the old and the new current period are re-written. */
    Emission rollover(Period now) {
        if (now.equals(current)) {
            return Emission.NONE;
        }
        Period[] before = covered();
        Period previous = current;
        current = now;
        return emission(before, covered(), Set.of(previous, now));
    }

    /** Re-writes {@code p} if it is covered (a value read off something else changed, e.g. stalledNow). */
    Emission refresh(Period p) {
        Period[] covered = covered();
        return emission(covered, covered, Set.of(p));
    }

    private Emission emission(Period[] before, Period[] after, Set<Period> touched) {
        TreeSet<Period> candidates = new TreeSet<>(touched);
        addAll(candidates, after);
        addAll(candidates, before);
        List<Period> write = new ArrayList<>();
        List<Period> delete = new ArrayList<>();
        for (Period p : candidates) {
            boolean nowCovered = within(p, after);
            boolean wasCovered = within(p, before);
            if (nowCovered && (touched.contains(p) || !wasCovered)) {
                write.add(p);
            } else if (!nowCovered && wasCovered) {
                delete.add(p);
            }
        }
        return new Emission(write, delete);
    }

    /** The first period holding facts, null when none does. */
    Period firstWithFacts() {
        Period[] r = withFacts();
        return r.length == 0 ? null : r[0];
    }

    private Period[] withFacts() {
        if (range == null) {
            List<Period> periods = periodsWithFacts.get().stream().sorted().toList();
            range = periods.isEmpty() ? new Period[0] : new Period[] {periods.get(0), periods.get(periods.size() - 1)};
        }
        return range;
    }

    private Period[] covered() {
        Period[] range = withFacts();
        if (range.length == 0) {
            return null;
        }
        return new Period[] {range[0].compareTo(current) <= 0 ? range[0] : current,
                range[1].compareTo(current) >= 0 ? range[1] : current};
    }

    private static void addAll(TreeSet<Period> out, Period[] range) {
        if (range != null) {
            for (Period p = range[0]; p.compareTo(range[1]) <= 0; p = p.next()) {
                out.add(p);
            }
        }
    }

    private static boolean within(Period p, Period[] range) {
        return range != null && p.compareTo(range[0]) >= 0 && p.compareTo(range[1]) <= 0;
    }
}
