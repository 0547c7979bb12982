package dev.funnelstreams.core.event;

import java.time.Instant;

/** The lead's owner changed from {@code occurredAt} on ("" clears it). */
public record OwnerChanged(
        String eventId,
        String leadId,
        Instant occurredAt,
        String owner) implements LeadEvent {

    @Override
    public int typeRank() {
        return 3;
    }
}
