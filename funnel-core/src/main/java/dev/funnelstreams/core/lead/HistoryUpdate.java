package dev.funnelstreams.core.lead;

/**
 * What applying one event to a {@link LeadHistory} did.
 *
 * @param outcome NEW (the history grew), DUPLICATE (same eventId, same content: a no-op) or
 *                CONFLICT (same eventId, different content: the event is rejected) or FULL (the history
 *                is at its limits: the event is rejected with {@code reason})
 * @param history the history after the event (unchanged unless NEW)
 */
public record HistoryUpdate(Outcome outcome, LeadHistory history, String reason) {

    /** An update without a reason (all but FULL). */
    public HistoryUpdate(Outcome outcome, LeadHistory history) {
        this(outcome, history, null);
    }

    /** The rejection reason of a CONFLICT (SPEC section 6). */
    public static final String CONFLICT_REASON = "same eventId with different content";

    /** The three ways an event can meet a history. */
    public enum Outcome {
        NEW,
        DUPLICATE,
        CONFLICT,
        /** The history is at its {@link HistoryLimits}: the event is rejected with {@link #reason}. */
        FULL
    }

    public boolean isNew() {
        return outcome == Outcome.NEW;
    }
}
