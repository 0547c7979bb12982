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
    /** Name stem of the repartition topic that re-keys deltas by metric cell. */
    public static final String CELL_DELTAS_REPARTITION = "cell-deltas";

    private StoreNames() {
    }
}
