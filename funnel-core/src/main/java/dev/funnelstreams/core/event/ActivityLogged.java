package dev.funnelstreams.core.event;

import java.time.Instant;

/** A call, visit, mail... with the lead: a touch for the follow-up clock. */
public record ActivityLogged(
        String eventId,
        String leadId,
        Instant occurredAt,
        String activity,
        String note) implements LeadEvent {

    @Override
    public int typeRank() {
        return 2;
    }
}
