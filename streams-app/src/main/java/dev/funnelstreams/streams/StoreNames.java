package dev.funnelstreams.streams;

/**
 * State store names; each is also the stem of a changelog topic, so renaming one orphans its
 * state (the topology snapshot test shows that in review). Shared with the HTTP layer.
 */
public final class StoreNames {

    /** leadId -> the lead's accepted events (no contact data). */
    public static final String LEAD_HISTORIES = "lead-histories";
    /** spend key -> its accepted versions. */
    public static final String SPEND_VERSIONS = "spend-versions";
    /** per-task pre-aggregation: metric cell -> summed delta since the last flush. */
    public static final String CELL_DELTA_BUFFER = "cell-delta-buffer";
    /** metric cell -> summed counters of all leads and spend. */
    public static final String CELL_TOTALS = "cell-totals";
    /** leadId -> the lead's scheduled alert deadlines and its raised, not yet cleared alerts. */
    public static final String LEAD_ALERTS = "lead-alerts";
    /** (due time, leadId, type) in big-endian byte order -> marker: the alert timers, ordered by due time. */
    public static final String ALERT_DEADLINES = "alert-deadlines";
    /** "closedThrough" -> the last ISO week whose CONVERSION_DROP alerts were raised (partition 0 only). */
    public static final String CLOSED_WEEKS = "closed-weeks";
    /** Name stem of the repartition topic that re-keys deltas by metric cell. */
    public static final String CELL_DELTAS_REPARTITION = "cell-deltas";

    private StoreNames() {
    }
}
