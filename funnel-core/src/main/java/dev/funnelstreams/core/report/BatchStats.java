package dev.funnelstreams.core.report;

import java.util.Map;
import java.util.TreeMap;

/**
 * The counts of a batch run; {@code read = applied + duplicates + rejected} (every record ends
 * up in the metrics or in the rejections).
 *
 * @param read          non-blank lines
 * @param applied       events accepted (first arrival of their eventId)
 * @param rejected      lines rejected, with a reason each
 * @param duplicates    later copies of an accepted event (same eventId, same content): no-ops
 * @param leads         leads with at least one accepted event
 * @param ignoredFields fields a line's type does not define (SPEC section 8 ignores them), counted by
 *                      {@code Type.field}, e.g. {@code OwnerChanged.note}; sorted by name
 */
public record BatchStats(long read, long applied, long rejected, long duplicates, long leads,
        Map<String, Long> ignoredFields) {

    public BatchStats {
        ignoredFields = java.util.Collections.unmodifiableMap(new TreeMap<>(ignoredFields));
    }

    /** Counts without ignored fields. */
    public BatchStats(long read, long applied, long rejected, long duplicates, long leads) {
        this(read, applied, rejected, duplicates, leads, Map.of());
    }
}
