package dev.funnelstreams.core.event;

import java.time.Instant;

/**
 * The lead was lost. {@code reason} is one of the {@link LossReason} codes; build it with
 * {@link #of} so that a missing or unknown code becomes {@code other} and the original text is
 * kept in {@code detail}.
 */
public record LeadLost(
        String eventId,
        String leadId,
        Instant occurredAt,
        String reason,
        String detail) implements LeadEvent {

    /**
     * A LeadLost as sent. A missing or empty reason becomes {@code other}; an unknown reason becomes
     * {@code other} with its text kept in {@code detail}: the detail itself when no detail was sent,
     * else {@code "<reason>: <detail>"} (nothing is lost and equal input gives equal records).
     */
    public static LeadLost of(String eventId, String leadId, Instant occurredAt, String reason, String detail) {
        String d = LeadEvents.optional(detail);
        String code = LeadEvents.optional(reason);
        if (code != null && !LossReason.CODES.contains(code)) {
            d = d == null ? code : code + ": " + d;
        }
        return new LeadLost(eventId, leadId, LeadEvents.instant(occurredAt), LossReason.normalise(code), d);
    }

    @Override
    public int typeRank() {
        return 5;
    }
}
