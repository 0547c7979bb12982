package dev.funnelstreams.core.alert;

import java.time.Instant;

/**
 * Value of funnel.alerts (SPEC section 5). Lead fields are null for CONVERSION_DROP.
 *
 * @param since    the instant the alert refers to (stay start, last touch, week start)
 * @param deadline when the condition became true
 * @param raisedAt when the alert was emitted (batch: the as-of instant)
 * @param message  one line for a person, in the language of the stage names
 */
public record Alert(String alertId, AlertType type, AlertStatus status, String leadId, String stage,
        String stageName, String owner, String tier, String channel, Instant since, Instant deadline,
        Instant raisedAt, String message) {

    /** The same alert with another status, emitted at {@code at} (e.g. CLEARED). */
    public Alert withStatus(AlertStatus newStatus, Instant at) {
        return new Alert(alertId, type, newStatus, leadId, stage, stageName, owner, tier, channel, since, deadline,
                at, message);
    }

    public AlertKey key() {
        return new AlertKey(alertId);
    }
}
