package dev.funnelstreams.core.lead;

import dev.funnelstreams.core.event.LeadEvent;
import java.util.Comparator;

/**
 * The replay order of SPEC section 3: (occurredAt, type rank, eventId). eventIds are printable
 * ASCII, so {@link String#compareTo} is the plain byte-string order the SPEC asks for.
 */
public final class EventOrder {

    public static final Comparator<LeadEvent> REPLAY = Comparator.comparing(LeadEvent::occurredAt)
            .thenComparingInt(LeadEvent::typeRank)
            .thenComparing(LeadEvent::eventId);

    private EventOrder() {
    }
}
