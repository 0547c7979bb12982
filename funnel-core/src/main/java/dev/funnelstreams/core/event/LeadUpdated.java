package dev.funnelstreams.core.event;

import java.math.BigDecimal;
import java.time.Instant;

/** Attribute changes from {@code occurredAt} on; null fields leave an attribute as it was. */
public record LeadUpdated(
        String eventId,
        String leadId,
        Instant occurredAt,
        BigDecimal estimatedValue,
        boolean estimatedValueCleared,
        String tier,
        String industry) implements LeadEvent {

    @Override
    public int typeRank() {
        return 4;
    }
}
