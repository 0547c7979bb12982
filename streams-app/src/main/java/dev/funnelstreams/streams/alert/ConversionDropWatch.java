package dev.funnelstreams.streams.alert;

import dev.funnelstreams.core.alert.Alert;
import dev.funnelstreams.core.alert.AlertEvaluator;
import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.config.PeriodKind;
import dev.funnelstreams.core.metrics.WeekCounts;
import dev.funnelstreams.core.period.Period;
import dev.funnelstreams.core.period.Periods;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * CONVERSION_DROP for the task that owns the week cells. A week is closed once stream time (the
 * event time carried by the cell deltas) is strictly past its end plus grace; the drops of each
 * week are raised once when it closes (the last closed week is kept in a changelogged store), by
 * the core's {@link AlertEvaluator#conversionDrops}. A late event that changes a closed week's
 * counts re-evaluates that week and the next one: a drop that now holds is raised, one that no
 * longer holds is retracted (tombstone), so the topic converges to the batch report's drops.
 */
public final class ConversionDropWatch {

    static final String CLOSED_THROUGH = "closedThrough";

    /**
     * What to emit: alerts to (re-)raise and alertIds to retract; {@code newlyRaised} of the raised
     * ones are new (the others re-send a drop whose figures changed).
     */
    public record Change(List<Alert> raise, List<String> retract, int newlyRaised) {
    }

    private final FunnelConfig config;
    private final AlertEvaluator evaluator;
    private final KeyValueStore<String, String> closed;
    /** The store's closedThrough, read once (this instance is its only writer). */
    private Period through;
    private boolean loaded;

    public ConversionDropWatch(FunnelConfig config, KeyValueStore<String, String> closed) {
        this.config = config;
        this.evaluator = new AlertEvaluator(config);
        this.closed = closed;
    }

    /**
     * The drops of the weeks that closed since the last call, up to stream time {@code streamTime}.
     *
     * @param firstWeek the first week holding facts (null when none)
     */
    public List<Alert> close(long streamTime, Period firstWeek, Function<Period, WeekCounts> counts, Instant now) {
        if (streamTime < 0) {
            return List.of();
        }
        Period latest = latestClosed(Instant.ofEpochMilli(streamTime));
        Period through = closedThrough();
        if (through != null && latest.compareTo(through) <= 0) {
            return List.of();
        }
        List<Alert> out = new ArrayList<>();
        Period start = through != null ? through.next() : firstWeek;
        if (start != null) {
            for (Period w = start; w.compareTo(latest) <= 0; w = w.next()) {
                out.addAll(evaluator.conversionDrops(w, counts.apply(w), counts.apply(w.previous()), now));
            }
        }
        closed.put(CLOSED_THROUGH, latest.label());
        this.through = latest;
        return out;
    }

    /**
     * Week {@code week}'s counts changed from {@code before} to {@code after}: re-evaluates it and
     * the week after it when they are already closed. {@code counts} reads the current counts.
     */
    public Change weekChanged(Period week, WeekCounts before, WeekCounts after, Function<Period, WeekCounts> counts,
            Instant now) {
        Period through = closedThrough();
        Map<String, Alert> was = new LinkedHashMap<>();
        Map<String, Alert> is = new LinkedHashMap<>();
        if (through != null && week.compareTo(through) <= 0) {
            WeekCounts previous = counts.apply(week.previous());
            index(was, evaluator.conversionDrops(week, before, previous, now));
            index(is, evaluator.conversionDrops(week, after, previous, now));
        }
        Period next = week.next();
        if (through != null && next.compareTo(through) <= 0) {
            WeekCounts nextCounts = counts.apply(next);
            index(was, evaluator.conversionDrops(next, nextCounts, before, now));
            index(is, evaluator.conversionDrops(next, nextCounts, after, now));
        }
        List<Alert> raise = is.values().stream()
                .filter(a -> !was.containsKey(a.alertId()) || !sameButRaisedAt(was.get(a.alertId()), a))
                .toList();
        List<String> retract = was.keySet().stream().filter(id -> !is.containsKey(id)).toList();
        int newlyRaised = (int) raise.stream().filter(a -> !was.containsKey(a.alertId())).count();
        return new Change(raise, retract, newlyRaised);
    }

    private Period latestClosed(Instant streamTime) {
        Period w = Periods.of(streamTime.minus(config.alerts().grace()), PeriodKind.WEEK, config.timezone());
        while (!streamTime.isAfter(evaluator.closesAt(w))) {
            w = w.previous();
        }
        return w;
    }

    private Period closedThrough() {
        if (!loaded) {
            String label = closed.get(CLOSED_THROUGH);
            through = label == null ? null : Period.parse(label);
            loaded = true;
        }
        return through;
    }

    private static void index(Map<String, Alert> into, List<Alert> alerts) {
        alerts.forEach(a -> into.put(a.alertId(), a));
    }

    private static boolean sameButRaisedAt(Alert a, Alert b) {
        return a.withStatus(a.status(), b.raisedAt()).equals(b);
    }
}
