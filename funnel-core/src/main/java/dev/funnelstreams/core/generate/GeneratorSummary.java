package dev.funnelstreams.core.generate;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a run wrote.
 *
 * @param leads          leads generated
 * @param lines          lines written (duplicates included)
 * @param linesByType    lines per event type, in SPEC order, ChannelSpend last (duplicates included)
 * @param duplicateLines exact copies of an earlier line
 * @param delayedLines   lines written later than their occurrence order (out of order within their lead)
 * @param restatements   ChannelSpend versions that restate an earlier one (new eventId, later reportedAt)
 * @param start          first day of the history
 * @param endExclusive   first day after the history
 */
public record GeneratorSummary(
        int leads,
        long lines,
        Map<String, Long> linesByType,
        long duplicateLines,
        long delayedLines,
        long restatements,
        LocalDate start,
        LocalDate endExclusive) {

    public GeneratorSummary {
        linesByType = Collections.unmodifiableMap(new LinkedHashMap<>(linesByType));
    }
}
