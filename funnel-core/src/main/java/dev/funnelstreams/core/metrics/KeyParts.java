package dev.funnelstreams.core.metrics;

import dev.funnelstreams.core.config.PeriodKind;
import dev.funnelstreams.core.period.Period;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Shared instances of the parts of cell keys, for {@link ContributionRules}: one String per dimension
 * value, stage id or reason, one {@link Period} per period, and one set of them per local day. The
 * batch report looks up about 150 cells a lead in maps of tens of thousands of cells; the strings of a
 * lead's facts are fresh copies decoded per lead, so each lookup compared their bytes and hashed them
 * anew. With shared parts a key's {@code equals} is decided by reference ({@code Objects.equals} tests
 * {@code ==} first), string hashes are computed once, and a fact's periods are found without calendar
 * arithmetic.
 *
 * <p>Bounded: past {@link #MAX} entries a value is used as it comes (still correct, only slower), so that
 * a long-running streaming app that meets ever new values does not grow it without end. Thread-safe.
 */
final class KeyParts {

    static final int MAX = 100_000;

    /** The periods of one local day ({@code epochDay}): of the configured kinds (in their order) and its ISO week. */
    record DayPeriods(long epochDay, List<Period> configured, Period week) {
    }

    private final List<PeriodKind> kinds;
    private final ZoneRules zone;
    private final Map<String, String> strings = new ConcurrentHashMap<>();
    private final Map<Long, DayPeriods> days = new ConcurrentHashMap<>();
    private final Map<Period, Period> periods = new ConcurrentHashMap<>();
    /** The day {@link #periods} answered last: immutable, so a thread sees it whole or an older one, both right. */
    private DayPeriods lastDay;

    KeyParts(List<PeriodKind> kinds, ZoneId zone) {
        this.kinds = List.copyOf(kinds);
        this.zone = zone.getRules();
    }

    /** The shared instance equal to {@code value} (null stays null). */
    String of(String value) {
        if (value == null) {
            return null;
        }
        String shared = strings.get(value);
        if (shared != null) {
            return shared;
        }
        if (strings.size() >= MAX) {
            return value;
        }
        shared = strings.putIfAbsent(value, value);
        return shared == null ? value : shared;
    }

    private Period shared(Period period) {
        if (periods.size() >= MAX) {
            return period;
        }
        Period found = periods.putIfAbsent(period, period);
        return found == null ? period : found;
    }

    /** The periods holding {@code at}, cut at local midnight in the funnel zone (as {@code Periods.of}). */
    DayPeriods periods(Instant at) {
        // the local date of the instant, as Instant.atZone(zone).toLocalDate() gives it, without the objects
        long epochDay = Math.floorDiv(at.getEpochSecond() + zone.getOffset(at).getTotalSeconds(), 86_400L);
        // a lead's facts come in runs on one day (a stage change is a reach, an entry and a stay's end)
        DayPeriods last = lastDay;
        if (last != null && last.epochDay() == epochDay) {
            return last;
        }
        DayPeriods found = days.get(epochDay);
        if (found != null) {
            lastDay = found;
            return found;
        }
        LocalDate day = LocalDate.ofEpochDay(epochDay);
        List<Period> configured = new ArrayList<>(kinds.size());
        for (PeriodKind k : kinds) {
            configured.add(shared(Period.of(day, k)));
        }
        // the days of one week or month share its Period instance, so that keys compare it by reference
        found = new DayPeriods(epochDay, List.copyOf(configured), shared(Period.of(day, PeriodKind.WEEK)));
        if (days.size() < MAX) {
            days.putIfAbsent(epochDay, found);
        }
        return found;
    }
}
