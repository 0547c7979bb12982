package dev.funnelstreams.streams.alert;

import dev.funnelstreams.core.alert.Alert;
import dev.funnelstreams.core.alert.AlertEvaluator;
import dev.funnelstreams.core.alert.AlertIds;
import dev.funnelstreams.core.alert.AlertStatus;
import dev.funnelstreams.core.alert.AlertType;
import dev.funnelstreams.core.alert.Deadline;
import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.lead.LeadState;
import dev.funnelstreams.core.metrics.Contributions;
import dev.funnelstreams.core.metrics.Deltas;
import dev.funnelstreams.core.metrics.StalledContributions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The lead alert timers (STALL, FOLLOW_UP_OVERDUE) of one task. The rules are the core's
 * {@link AlertEvaluator}; this class only keeps them on time:
 *
 * <ul>
 *   <li>{@link #leadChanged} runs after every accepted event: it clears the raised alerts whose
 *       condition no longer holds (the stay ended, the next touch, a loss, a slower tier) and moves
 *       the lead's one entry in the deadline store (via the lead's own index) when its earliest
 *       deadline comes earlier; a deadline that moves later keeps the entry, which re-schedules
 *       itself when it comes due ({@link #lazily}). It never raises.
 *   <li>{@link #punctuate} runs on wall-clock time: one range scan of the deadline store from the
 *       last position to now returns exactly the due entries; each raises its lead's due deadlines,
 *       each once (the lead's state records it). Nothing else is read, however many leads are open.
 * </ul>
 *
 * A lead counts as stalled in the snapshot while its STALL alert is open, so the same timers keep
 * {@code stalled} and {@code stalledNow} current through {@link StalledContributions} deltas.
 */
public final class AlertTimers {

    /** Where the timers' records go (the processor forwards them). */
    public interface Emitter {
        /** A RAISED alert, or a CLEARED one (then followed by {@link #retract}). */
        void alert(Alert alert);

        /** A newly raised alert (not a re-send of an open one with changed fields): counted, then sent. */
        default void raised(Alert alert) {
            alert(alert);
        }

        /** A tombstone for the alert's key, so that compaction leaves only open alerts. */
        void retract(String alertId);

        /** A change of the stalled cells. */
        void cells(Contributions delta);
    }

    private static final byte[] SCHEDULED = {1};

    private final FunnelConfig config;
    private final AlertEvaluator evaluator;
    private final KeyValueStore<String, LeadAlerts> leads;
    private final KeyValueStore<Bytes, byte[]> deadlines;
    private final int maxFires;
    /**
     * No deadline in the store is earlier than this: the position the last scan reached (the first
     * key after it) lowered by every deadline scheduled since. In memory; after a restart the
     * first scan starts at the beginning. A punctuation before it is one comparison.
     */
    private long nextDue = Long.MIN_VALUE;

    public AlertTimers(FunnelConfig config, KeyValueStore<String, LeadAlerts> leads,
            KeyValueStore<Bytes, byte[]> deadlines, int maxFires) {
        this.config = config;
        this.evaluator = new AlertEvaluator(config);
        this.leads = leads;
        this.deadlines = deadlines;
        this.maxFires = maxFires;
    }

    /**
     * The lead changed from {@code before} (null for a new lead) to {@code after} at wall clock
     * {@code now}: clear what no longer holds, keep what still does (re-emitted when its fields
     * changed, e.g. a new owner), and schedule the deadlines not yet raised.
     */
    public void leadChanged(LeadState before, LeadState after, Instant now, Emitter out) {
        String leadId = after.leadId();
        // A new lead has no alert state: its entry is written only here, after its first event, in the
        // same task and transaction as its record. Not reading it spares the store a miss (one in seven of
        // `bench pipeline`'s events is a lead's first).
        LeadAlerts old = before == null ? LeadAlerts.NONE : get(leadId);
        List<Deadline> next = evaluator.nextDeadlines(after);
        List<Alert> open = new ArrayList<>(2);
        for (Alert raised : old.raised()) {
            Deadline d = next.stream().filter(n -> idOf(after, n).equals(raised.alertId())).findFirst().orElse(null);
            if (d != null && !now.isBefore(d.at())) {
                Alert current = evaluator.raise(after, d, raised.raisedAt());
                if (!current.equals(raised)) {
                    out.alert(current);
                }
                open.add(current);
            } else {
                out.alert(raised.withStatus(AlertStatus.CLEARED, now));
                out.retract(raised.alertId());
            }
        }
        LeadAlerts.Timer earliest = null;
        for (Deadline d : next) {
            // the id (a SHA-256) only when there is an open alert to compare it with
            if (open.isEmpty() || !isOpen(open, idOf(after, d))) {
                earliest = earlier(earliest, d);
            }
        }
        List<LeadAlerts.Timer> indexed = lazily(old.scheduled(), earliest);
        move(leadId, old.scheduled(), indexed);
        LeadAlerts updated = new LeadAlerts(indexed, open);
        put(leadId, old, updated);
        Contributions was = old.stalled() && before != null ? StalledContributions.of(before, config)
                : Contributions.EMPTY;
        Contributions is = updated.stalled() ? StalledContributions.of(after, config) : Contributions.EMPTY;
        Contributions delta = Deltas.of(was, is);
        if (!delta.isEmpty()) {
            out.cells(delta);
        }
    }

    /**
     * Fires the index entries due at {@code now} (at most maxFires of them; the rest next time), each raising
     * its lead's due deadlines. {@code stateOf} gives a lead's current state (its replayed history).
     *
     * @return how many entries were due
     */
    public int punctuate(Instant now, Function<String, LeadState> stateOf, Emitter out) {
        long nowMillis = now.toEpochMilli();
        if (nextDue > nowMillis) {
            return 0;
        }
        List<DeadlineKeys.Due> due = new ArrayList<>();
        List<Bytes> keys = new ArrayList<>();
        long next = Long.MAX_VALUE;
        // Open upper end: the first key after now is where the next scan starts.
        try (KeyValueIterator<Bytes, byte[]> it = deadlines.range(Bytes.wrap(DeadlineKeys.from(nextDue)), null)) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> kv = it.next();
                DeadlineKeys.Due d = DeadlineKeys.decode(kv.key.get());
                if (d.dueMillis() > nowMillis || due.size() == maxFires) {
                    next = d.dueMillis();
                    break;
                }
                keys.add(kv.key);
                due.add(d);
            }
        }
        nextDue = next;
        // The range is read completely before anything is written to the store it iterates.
        for (int i = 0; i < due.size(); i++) {
            unschedule(keys.get(i));
            fire(due.get(i), now, stateOf, out);
        }
        return due.size();
    }

    /**
     * A due index entry: raises every deadline of the lead that is due and not raised yet (the entry stands for the
     * lead's earliest deadline, whatever its type), and schedules the earliest one not due yet. An entry that came
     * due early (its deadline moved later) only re-schedules.
     */
    private void fire(DeadlineKeys.Due due, Instant now, Function<String, LeadState> stateOf, Emitter out) {
        LeadAlerts old = get(due.leadId());
        List<LeadAlerts.Timer> timers = new ArrayList<>(old.scheduled());
        timers.remove(new LeadAlerts.Timer(due.type(), due.dueMillis()));
        List<Alert> open = new ArrayList<>(old.raised());
        LeadState lead = stateOf.apply(due.leadId());
        List<Deadline> next = lead == null ? List.of() : evaluator.nextDeadlines(lead);
        boolean raisedStall = false;
        LeadAlerts.Timer earliest = null;
        for (Deadline d : next) {
            if (now.isBefore(d.at())) {
                earliest = earlier(earliest, d);
            } else if (!old.isRaised(idOf(lead, d))) {
                Alert alert = evaluator.raise(lead, d, now);
                out.raised(alert);
                open.add(alert);
                raisedStall |= d.type() == AlertType.STALL;
            }
        }
        List<LeadAlerts.Timer> indexed = lazily(timers, earliest);
        move(due.leadId(), timers, indexed);
        put(due.leadId(), old, new LeadAlerts(indexed, open));
        if (raisedStall) {
            out.cells(StalledContributions.of(lead, config));
        }
    }

    /** The earlier of {@code timer} (null: none) and deadline {@code d}; the first of equal ones. */
    private static LeadAlerts.Timer earlier(LeadAlerts.Timer timer, Deadline d) {
        long at = d.at().toEpochMilli();
        return timer != null && timer.dueMillis() <= at ? timer : new LeadAlerts.Timer(d.type(), at);
    }

    /**
     * The lead's index entry for its earliest deadline not raised, {@code wanted} (null: none, no entry). One
     * entry stands for all of the lead's deadlines: when it fires, every due one is raised and the next is
     * scheduled ({@link #fire}), so a new lead writes one entry and a loss removes one (with an entry per type
     * they made 0.52 deadline changelog records per event in {@code bench pipeline}, now 0.26). An entry
     * already in the index that is due no later stays, whatever its type (a touch only pushes a follow-up
     * deadline later, so the hot path writes nothing); when it comes due, {@link #fire} finds the real
     * deadline later and schedules that. So the index may hold a deadline early, never late. A lead of an
     * earlier version may have an entry per type: the first change keeps the earliest of them.
     */
    private static List<LeadAlerts.Timer> lazily(List<LeadAlerts.Timer> scheduled, LeadAlerts.Timer wanted) {
        if (wanted == null) {
            return List.of();
        }
        LeadAlerts.Timer early = null;
        for (LeadAlerts.Timer s : scheduled) {
            if (s.dueMillis() <= wanted.dueMillis() && (early == null || s.dueMillis() < early.dueMillis())) {
                early = s;
            }
        }
        return List.of(early != null ? early : wanted);
    }

    /** Replaces the lead's deadlines in the store: deletes the old entries, writes the new ones. */
    private void move(String leadId, List<LeadAlerts.Timer> from, List<LeadAlerts.Timer> to) {
        Set<LeadAlerts.Timer> keep = new HashSet<>(to);
        for (LeadAlerts.Timer t : from) {
            if (!keep.contains(t)) {
                unschedule(Bytes.wrap(DeadlineKeys.of(t.dueMillis(), leadId, t.type())));
            }
        }
        Set<LeadAlerts.Timer> had = new HashSet<>(from);
        for (LeadAlerts.Timer t : to) {
            if (!had.contains(t)) {
                deadlines.put(Bytes.wrap(DeadlineKeys.of(t.dueMillis(), leadId, t.type())), SCHEDULED);
                nextDue = Math.min(nextDue, t.dueMillis());
            }
        }
    }

    /**
     * Removes an index entry. A null put, not {@code delete}: the index has no record cache, and a delete
     * reads the old value from RocksDB first, which nothing here needs (docs/benchmarks.md, twelfth session).
     * Both write the same tombstone to the changelog.
     */
    private void unschedule(Bytes key) {
        deadlines.put(key, null);
    }

    private LeadAlerts get(String leadId) {
        LeadAlerts a = leads.get(leadId);
        return a == null ? LeadAlerts.NONE : a;
    }

    private void put(String leadId, LeadAlerts old, LeadAlerts alerts) {
        if (alerts.equals(old)) {
            return;
        }
        if (alerts.isEmpty()) {
            leads.delete(leadId);
        } else {
            leads.put(leadId, alerts);
        }
    }

    private static boolean isOpen(List<Alert> open, String alertId) {
        return open.stream().anyMatch(a -> a.alertId().equals(alertId));
    }

    private static String idOf(LeadState lead, Deadline d) {
        return AlertIds.of(d.type(), lead.leadId(), d.stage(), d.since());
    }
}
