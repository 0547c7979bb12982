package dev.funnelstreams.core.event;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Ad spend of one channel/campaign on one local date. Versions of one (channel, campaign, date)
 * key are restatements; the greatest (reportedAt, eventId) wins, an absent reportedAt lowest.
 * {@code campaign} is "" when absent (it is part of the key).
 */
public record ChannelSpend(
        String eventId,
        String channel,
        String campaign,
        LocalDate date,
        BigDecimal amount,
        String currency,
        Instant reportedAt) {
}
