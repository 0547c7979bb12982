package dev.funnelstreams.core.alert;

import java.time.Instant;

/**
 * When a lead alert falls due: the timer the topology sets per lead.
 *
 * @param type  STALL or FOLLOW_UP_OVERDUE
 * @param stage the lead's current stage
 * @param since the instant the alert refers to (enteredAt or lastTouchAt)
 * @param at    since + stallAfter / followUpEvery; the alert is due when now >= at
 */
public record Deadline(AlertType type, String stage, Instant since, Instant at) {
}
