package dev.funnelstreams.core.metrics;

import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.event.LeadEvent;
import dev.funnelstreams.core.lead.HistoryLimits;
import dev.funnelstreams.core.lead.HistoryUpdate;
import dev.funnelstreams.core.lead.LeadHistory;
import dev.funnelstreams.core.lead.LeadRecord;
import dev.funnelstreams.core.lead.LeadReplay;
import dev.funnelstreams.core.lead.LeadState;
import dev.funnelstreams.core.lead.ReplayEnd;
import java.util.Optional;

/**
 * One event meets one lead's record: the streaming step of SPEC sections 3-6. An event that sorts
 * after every event of its lead continues the replay from the stored end and costs what it
 * changes; any other (a late event, the lead's first LeadCreated arriving after other events, a
 * record without a usable end) replays the lead whole, the reference the incremental path is
 * tested against. Both give the same record, state and delta.
 */
public final class LeadSteps {

    private final FunnelConfig config;
    private final ContributionRules rules;

    public LeadSteps(FunnelConfig config) {
        this.config = config;
        this.rules = new ContributionRules(config);
    }

    /**
     * What {@code event} does to the lead of {@code record} (null: a lead without events).
     * DUPLICATE, CONFLICT and FULL change nothing; NEW carries the new record, the change of the
     * lead's contributions, and its state before (null for a new lead) and after.
     */
    public Step apply(LeadRecord record, LeadEvent event) {
        LeadRecord before = record != null ? record : LeadRecord.empty(event.leadId(), config);
        LeadEvent stored = HistoryLimits.stored(event);
        Optional<LeadEvent> existing = before.size() == 0 ? Optional.empty() : before.find(stored.eventId());
        if (existing.isPresent()) {
            return Step.unchanged(existing.get().equals(stored) ? HistoryUpdate.Outcome.DUPLICATE
                    : HistoryUpdate.Outcome.CONFLICT, null);
        }
        String full = before.overflow(stored);
        if (full != null) {
            return Step.unchanged(HistoryUpdate.Outcome.FULL, full);
        }
        Optional<ReplayEnd> end = before.end(config);
        if (end.isPresent() && LeadReplay.resumes(end.get(), stored)) {
            LeadReplay.Resumed resumed = LeadReplay.resume(before.leadId(), end.get(), stored, config);
            CellChanges delta = new CellChanges();
            rules.delta(end.get(), resumed, delta);
            return new Step(HistoryUpdate.Outcome.NEW, null, before.append(stored, resumed.end(), config), delta,
                    stateBefore(before, end.get()), resumed.end().state(before.leadId(), config), true);
        }
        return replayWhole(before, stored);
    }

    /** The reference: both histories replayed from the start, their contributions subtracted. */
    private Step replayWhole(LeadRecord before, LeadEvent stored) {
        LeadHistory was = before.history();
        HistoryUpdate update = was.apply(stored);
        if (!update.isNew()) {
            throw new IllegalStateException("lead " + before.leadId() + ": the record and its history disagree on "
                    + stored.eventId() + " (" + update.outcome() + ")");
        }
        LeadReplay.Full now = LeadReplay.full(update.history(), config);
        Contributions delta = rules.of(now.facts());
        LeadState stateBefore = null;
        // a lead without events contributes to no cell: nothing to subtract (its first event continues the empty
        // replay instead, LeadReplay.resumes, so this is a guard)
        if (was.size() > 0) {
            LeadReplay.Full then = LeadReplay.full(was, config);
            delta = Deltas.of(rules.of(then.facts()), delta);
            stateBefore = then.facts().state();
        }
        return new Step(HistoryUpdate.Outcome.NEW, null, LeadRecord.of(update.history(), now.end(), config), delta,
                stateBefore, now.facts().state(), false);
    }

    private LeadState stateBefore(LeadRecord before, ReplayEnd end) {
        return before.size() == 0 ? null : end.state(before.leadId(), config);
    }

    /**
     * @param reason    why a FULL event is rejected, else null
     * @param record    the lead's record after the event (null unless NEW)
     * @param delta     the change of the lead's contributions (null unless NEW): the rules' additions when the
     *                  replay continued, the contributions' difference when it ran whole
     * @param before    the lead's state before (null for a new lead or unless NEW)
     * @param after     the lead's state after (null unless NEW)
     * @param continued whether the replay continued from the stored end (else it ran whole)
     */
    public record Step(HistoryUpdate.Outcome outcome, String reason, LeadRecord record, CellDelta delta,
            LeadState before, LeadState after, boolean continued) {

        static Step unchanged(HistoryUpdate.Outcome outcome, String reason) {
            return new Step(outcome, reason, null, null, null, null, false);
        }
    }
}
