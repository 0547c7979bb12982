package dev.funnelstreams.streams.alert;

import dev.funnelstreams.core.alert.Alert;
import dev.funnelstreams.core.alert.AlertType;
import java.util.List;

/**
 * One lead's alert state, kept in a changelogged store beside its history: the timers scheduled
 * for it (the per-lead index into the deadline store, so they can be moved when the lead moves)
 * and the alerts raised and not yet cleared (so nothing is raised twice for one stay, also after
 * a restart or a rebalance, and a CLEARED carries the same fields as its RAISED).
 */
public record LeadAlerts(List<Timer> scheduled, List<Alert> raised) {

    public static final LeadAlerts NONE = new LeadAlerts(List.of(), List.of());

    /** A scheduled deadline of the lead. */
    public record Timer(AlertType type, long dueMillis) {
    }

    public LeadAlerts {
        scheduled = List.copyOf(scheduled);
        raised = List.copyOf(raised);
    }

    public boolean isRaised(String alertId) {
        return raised.stream().anyMatch(a -> a.alertId().equals(alertId));
    }

    /** Whether the lead has an open STALL alert: that is what the snapshot counts as stalled. */
    public boolean stalled() {
        return raised.stream().anyMatch(a -> a.type() == AlertType.STALL);
    }

    public boolean isEmpty() {
        return scheduled.isEmpty() && raised.isEmpty();
    }
}
