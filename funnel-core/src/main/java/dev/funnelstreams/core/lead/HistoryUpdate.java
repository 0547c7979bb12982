package dev.funnelstreams.core.lead;

/**
 * What applying one event to a {@link LeadHistory} did.
 *
 * @param outcome NEW (the history grew), DUPLICATE (same eventId, same content: a no-op) or
 *                CONFLICT (same eventId, different content: the event is rejected)
 * @param history the history after the event (unchanged unless NEW)
 */
public record HistoryUpdate(Outcome outcome, LeadHistory history) {

    /** The rejection reason of a CONFLICT (SPEC section 6). */
    public static final String CONFLICT_REASON = "same eventId with different content";

    /** The three ways an event can meet a history. */
    public enum Outcome {
        NEW,
        DUPLICATE,
        CONFLICT
    }

    public boolean isNew() {
        return outcome == Outcome.NEW;
    }
}
