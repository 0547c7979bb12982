package dev.funnelstreams.core.report;

/**
 * The counts of a batch run; {@code read = applied + duplicates + rejected} (every record ends
 * up in the metrics or in the rejections).
 *
 * @param read       non-blank lines
 * @param applied    events accepted (first arrival of their eventId)
 * @param rejected   lines rejected, with a reason each
 * @param duplicates later copies of an accepted event (same eventId, same content): no-ops
 * @param leads      leads with at least one accepted event
 */
public record BatchStats(long read, long applied, long rejected, long duplicates, long leads) {
}
