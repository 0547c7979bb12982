package dev.funnelstreams.core.metrics;

import dev.funnelstreams.core.event.ChannelSpend;
import java.time.LocalDate;

/** The key of one spend line: versions with the same key restate each other. */
public record SpendKey(String channel, String campaign, LocalDate date) {

    public static SpendKey of(ChannelSpend spend) {
        return new SpendKey(spend.channel(), spend.campaign() == null ? "" : spend.campaign(), spend.date());
    }
}
