package dev.funnelstreams.core.event;

import java.math.BigDecimal;
import java.time.Instant;

/** A lead moved to {@code toStage}; {@code amount} is the signed value when it reaches the won stage. */
public record StageChanged(
        String eventId,
        String leadId,
        Instant occurredAt,
        String toStage,
        String fromStage,
        String note,
        BigDecimal amount) implements LeadEvent {

    @Override
    public int typeRank() {
        return 1;
    }
}
