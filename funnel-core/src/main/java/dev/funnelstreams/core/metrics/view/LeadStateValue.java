package dev.funnelstreams.core.metrics.view;

import dev.funnelstreams.core.lead.LeadState;
import java.time.Instant;
import java.util.Map;

/** Value of funnel.lead-state (no contact data; unset owner is null). */
public record LeadStateValue(String stage, boolean active, Instant enteredAt, Map<String, Instant> reachedAt,
        String owner, String tier, String channel, Instant lastTouchAt) {

    public static LeadStateValue of(LeadState s) {
        return new LeadStateValue(s.stage(), s.active(), s.enteredAt(), s.reachedAt(), s.owner(), s.tier(),
                s.channel(), s.lastTouchAt());
    }
}
