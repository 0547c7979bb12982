package dev.funnelstreams.core.event;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A lead appeared in the CRM. {@code stage} null means the first stage; {@code channel} null
 * means unknown. {@code contact} is personal data: it never leaves the input topic.
 */
public record LeadCreated(
        String eventId,
        String leadId,
        Instant occurredAt,
        String channel,
        String campaign,
        String owner,
        String stage,
        Customer customer,
        Contact contact,
        BigDecimal estimatedValue,
        boolean estimatedValueCleared,
        String tier) implements LeadEvent {

    @Override
    public int typeRank() {
        return 0;
    }
}
