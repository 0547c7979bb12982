package dev.funnelstreams.core.lead;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A lead after replaying its whole history: what lead-state, the stage snapshot and the alerts
 * read. No contact data.
 *
 * @param leadId         the lead
 * @param enteredFunnel  whether it ever entered the funnel (else the stage fields are null)
 * @param stage          current stage id (for a lost lead: the stage it was lost at)
 * @param active         in the funnel and not lost
 * @param enteredAt      start of the current stay (lost lead: of the stay the loss ended)
 * @param reachedAt      stage id -> first reach, in funnel order
 * @param owner          current owner, null when unset
 * @param tier           current tier (the tier rule applied now)
 * @param industry       current industry, null when unset
 * @param channel        the lead's channel ({@code unknown} when none)
 * @param lastTouchAt    last touch, null when there was none
 * @param estimatedValue current estimated value, null when unset
 */
public record LeadState(
        String leadId,
        boolean enteredFunnel,
        String stage,
        boolean active,
        Instant enteredAt,
        Map<String, Instant> reachedAt,
        String owner,
        String tier,
        String industry,
        String channel,
        Instant lastTouchAt,
        BigDecimal estimatedValue) {

    public LeadState {
        reachedAt = Collections.unmodifiableMap(new LinkedHashMap<>(reachedAt));
    }

    /** The dimension values of the lead now. */
    public Dims dims() {
        return new Dims(channel, owner, tier, industry);
    }
}
