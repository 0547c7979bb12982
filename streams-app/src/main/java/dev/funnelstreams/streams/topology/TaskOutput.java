package dev.funnelstreams.streams.topology;

import dev.funnelstreams.avro.out.Alert;
import dev.funnelstreams.avro.out.AlertKey;
import dev.funnelstreams.avro.out.LeadStateKey;
import dev.funnelstreams.avro.out.LeadStateValue;
import dev.funnelstreams.core.metrics.CellDelta;

/**
 * What the input tasks (lead events, channel spend) forward: each kind has its own sink, and the
 * topology routes by kind with a typed pattern match, so a sink sees its own key and value types.
 */
sealed interface TaskOutput permits DeadLetter, TaskOutput.LeadStateChange, TaskOutput.AlertChange,
        TaskOutput.CellDeltas {

    /** A lead's new state for {@code funnel.lead-state}. */
    record LeadStateChange(LeadStateKey key, LeadStateValue value) implements TaskOutput {
    }

    /** A lead alert (RAISED or CLEARED) for {@code funnel.alerts}; a null value is the alert's tombstone. */
    record AlertChange(AlertKey key, Alert value) implements TaskOutput {
    }

    /** The change of the metric cells one event (or timer) made, for the task's delta buffer. */
    record CellDeltas(CellDelta delta) implements TaskOutput {
    }
}
