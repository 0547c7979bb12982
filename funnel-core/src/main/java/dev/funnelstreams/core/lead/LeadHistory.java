package dev.funnelstreams.core.lead;

import dev.funnelstreams.core.event.LeadEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The accepted events of one lead in replay order: the state the topology keeps per lead.
 *
 * <p>Contact data never enters a history: {@link #apply} drops {@code LeadCreated.contact}
 * before storing, and the duplicate test compares the contact-free forms. So a second copy of a
 * LeadCreated that differs only in its contact is a DUPLICATE, not a CONFLICT: the contact is not
 * part of what we keep, and keeping it just to compare would put personal data into state stores,
 * which SPEC section 2 forbids.
 *
 * @param leadId the lead
 * @param events accepted events sorted by {@link EventOrder#REPLAY}, eventIds unique
 */
public record LeadHistory(String leadId, List<LeadEvent> events) {

    public LeadHistory {
        events = List.copyOf(events);
    }

    public static LeadHistory empty(String leadId) {
        return new LeadHistory(leadId, List.of());
    }

    /**
     * Adds an event unless its eventId is already here: same content is a DUPLICATE (no-op),
     * different content a CONFLICT (the stored event stays, the new one is to be rejected). A new event
     * that would pass {@link HistoryLimits} is FULL (rejected with its reason).
     */
    public HistoryUpdate apply(LeadEvent event) {
        if (!event.leadId().equals(leadId)) {
            throw new IllegalArgumentException("event of lead " + event.leadId() + " applied to history of " + leadId);
        }
        LeadEvent stored = HistoryLimits.stored(event);
        Optional<LeadEvent> existing = find(stored.eventId());
        if (existing.isPresent()) {
            HistoryUpdate.Outcome outcome = existing.get().equals(stored)
                    ? HistoryUpdate.Outcome.DUPLICATE
                    : HistoryUpdate.Outcome.CONFLICT;
            return new HistoryUpdate(outcome, this);
        }
        String full = HistoryLimits.overflow(events.size(), bytes(), stored);
        if (full != null) {
            return new HistoryUpdate(HistoryUpdate.Outcome.FULL, this, full);
        }
        List<LeadEvent> grown = new ArrayList<>(events);
        int at = Collections.binarySearch(grown, stored, EventOrder.REPLAY);
        grown.add(-at - 1, stored);
        return new HistoryUpdate(HistoryUpdate.Outcome.NEW, new LeadHistory(leadId, grown));
    }

    /** The stored event with this eventId. */
    public Optional<LeadEvent> find(String eventId) {
        return events.stream().filter(e -> e.eventId().equals(eventId)).findFirst();
    }

    public int size() {
        return events.size();
    }

    /** The estimated stored bytes of the history ({@link HistoryLimits#bytes}). */
    public long bytes() {
        long total = 0;
        for (LeadEvent e : events) {
            total += HistoryLimits.bytes(e);
        }
        return total;
    }
}
