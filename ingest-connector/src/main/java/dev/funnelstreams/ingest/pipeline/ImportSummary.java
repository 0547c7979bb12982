package dev.funnelstreams.ingest.pipeline;

import dev.funnelstreams.core.event.ParseResult;
import java.util.Map;
import java.util.TreeMap;

/** Counts of one import: every row read is either mapped (giving events) or rejected. */
public final class ImportSummary {

    private long rowsRead;
    private long rowsMapped;
    private long leadEvents;
    private long spends;
    private final Map<String, Long> rejectedByReason = new TreeMap<>();
    private final Map<String, Long> ignoredFields = new TreeMap<>();

    public void add(MappedRow row) {
        rowsRead++;
        if (row.isRejected()) {
            rejectedByReason.merge(row.rejection(), 1L, Long::sum);
            return;
        }
        rowsMapped++;
        row.events().forEach(e -> {
            e.ignoredFields().forEach(f -> ignoredFields.merge(f, 1L, Long::sum));
            if (e instanceof ParseResult.Spend) {
                spends++;
            } else {
                leadEvents++;
            }
        });
    }

    public long rowsRead() {
        return rowsRead;
    }

    public long rowsMapped() {
        return rowsMapped;
    }

    public long rowsRejected() {
        return rowsRead - rowsMapped;
    }

    public long leadEvents() {
        return leadEvents;
    }

    public long spends() {
        return spends;
    }

    public Map<String, Long> rejectedByReason() {
        return rejectedByReason;
    }

    /** Fields an event's type does not define (SPEC section 8: ignored), by {@code Type.field}. */
    public Map<String, Long> ignoredFields() {
        return ignoredFields;
    }

    /** A few lines for a person: totals, then the rejection reasons, most frequent first. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append("rows read ").append(rowsRead).append(", mapped ").append(rowsMapped)
                .append(", rejected ").append(rowsRejected()).append('\n')
                .append("events written ").append(leadEvents + spends)
                .append(" (lead events ").append(leadEvents).append(", channel spends ").append(spends).append(")\n");
        rejectedByReason.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(20)
                .forEach(e -> sb.append("  rejected ").append(e.getValue()).append(": ").append(e.getKey()).append('\n'));
        if (rejectedByReason.size() > 20) {
            sb.append("  ... ").append(rejectedByReason.size() - 20).append(" more reasons\n");
        }
        if (!ignoredFields.isEmpty()) {
            sb.append("ignored fields (not defined for their event type): ");
            ignoredFields.forEach((f, n) -> sb.append(f).append(' ').append(n).append(", "));
            sb.setLength(sb.length() - 2);
            sb.append('\n');
        }
        return sb.toString();
    }
}
