package dev.funnelstreams.core.event;

import java.time.Instant;

/**
 * The lead was lost. {@code reason} is one of {@link LossReason} codes (unknown codes are kept as
 * {@code other} with the original text in {@code detail}).
 */
public record LeadLost(
        String eventId,
        String leadId,
        Instant occurredAt,
        String reason,
        String detail) implements LeadEvent {

    @Override
    public int typeRank() {
        return 5;
    }
}
