package dev.funnelstreams.core.report;

import dev.funnelstreams.core.lead.EventCodec;
import dev.funnelstreams.core.event.ChannelSpend;
import dev.funnelstreams.core.event.EventJson;
import dev.funnelstreams.core.event.EventValidator;
import dev.funnelstreams.core.event.LeadEvent;
import dev.funnelstreams.core.event.ParseResult;
import dev.funnelstreams.core.lead.HistoryLimits;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One non-blank input line after the work that needs no other line (parsing, the config's rules, the
 * stored form and its bytes), done in parallel; {@link BatchIntake} then takes the lines in order.
 *
 * @param line      1-based line number
 * @param ignored   the ignored fields as counted ({@code Type.field})
 * @param rejection why the line is rejected, or null
 * @param stored    an accepted lead event in its stored form ({@code HistoryLimits.stored}), or null
 * @param encoded   {@code stored} as {@link EventCodec} bytes
 * @param size      {@code HistoryLimits.bytes(stored)}
 * @param spend     an accepted channel spend, or null
 */
record ParsedLine(long line, List<String> ignored, String rejection, LeadEvent stored, byte[] encoded, long size,
        ChannelSpend spend) {

    /** The parse of a non-blank line; {@code now} is the instant of the future-skew check. */
    static ParsedLine of(long line, String text, EventValidator validator, Instant now) {
        return of(line, EventJson.parse(text), validator, now);
    }

    /** {@link #of(long, String, EventValidator, Instant)} of the line whose UTF-8 bytes are {@code utf8}. */
    static ParsedLine of(long line, byte[] utf8, EventValidator validator, Instant now) {
        return of(line, EventJson.parse(utf8, 0, utf8.length), validator, now);
    }

    private static ParsedLine of(long line, ParseResult parsed, EventValidator validator, Instant now) {
        boolean anyIgnored = parsed instanceof ParseResult.Lead l ? !l.ignored().isEmpty()
                : parsed instanceof ParseResult.Spend s && !s.ignored().isEmpty();
        List<String> ignored = anyIgnored ? parsed.ignoredFields() : List.of();
        Optional<String> problem = validator.check(parsed, now);
        if (problem.isPresent()) {
            return new ParsedLine(line, ignored, problem.get(), null, null, 0, null);
        }
        if (parsed instanceof ParseResult.Lead lead) {
            LeadEvent stored = HistoryLimits.stored(lead.event());
            // hashed here, on a worker: the in-order intake's look-up of the lead (one thread) finds the hash kept
            stored.leadId().hashCode();
            return new ParsedLine(line, ignored, null, stored, EventCodec.encode(stored), HistoryLimits.bytes(stored),
                    null);
        }
        return new ParsedLine(line, ignored, null, null, null, 0, ((ParseResult.Spend) parsed).spend());
    }
}
