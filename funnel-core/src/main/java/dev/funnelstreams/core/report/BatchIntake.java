package dev.funnelstreams.core.report;

import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.event.EventJson;
import dev.funnelstreams.core.event.EventValidator;
import dev.funnelstreams.core.event.LeadEvent;
import dev.funnelstreams.core.event.ParseResult;
import dev.funnelstreams.core.lead.HistoryUpdate;
import dev.funnelstreams.core.lead.LeadHistory;
import dev.funnelstreams.core.metrics.SpendBook;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Takes the lines of a batch one by one: parse, validate, then the first accepted arrival of an
 * eventId wins (later copies with the same content are duplicates, with other content rejected).
 */
final class BatchIntake {

    private final EventValidator validator;
    private final Instant now;
    private final Map<String, LeadHistory> leads = new HashMap<>();
    private final SpendBook spend;
    private final List<Rejection> rejections = new ArrayList<>();
    private long read;
    private long applied;
    private long duplicates;
    private final Map<String, Long> ignoredFields = new HashMap<>();
    private Instant latestOccurredAt;

    /** {@code now} is the instant the future-skew check compares with. */
    BatchIntake(FunnelConfig config, Instant now) {
        this.validator = new EventValidator(config);
        this.now = now;
        this.spend = new SpendBook(config);
    }

    void accept(long lineNumber, String line) {
        if (line.isBlank()) {
            return;
        }
        read++;
        ParseResult parsed = EventJson.parse(line);
        countIgnored(parsed);
        Optional<String> problem = validator.check(parsed, now);
        if (problem.isPresent()) {
            rejections.add(new Rejection(lineNumber, problem.get()));
            return;
        }
        HistoryUpdate.Outcome outcome;
        String eventId;
        String full = null;
        if (parsed instanceof ParseResult.Lead lead) {
            LeadEvent e = lead.event();
            eventId = e.eventId();
            HistoryUpdate update = leads.getOrDefault(e.leadId(), LeadHistory.empty(e.leadId())).apply(e);
            outcome = update.outcome();
            full = update.reason();
            if (update.isNew()) {
                leads.put(e.leadId(), update.history());
                if (latestOccurredAt == null || e.occurredAt().isAfter(latestOccurredAt)) {
                    latestOccurredAt = e.occurredAt();
                }
            }
        } else {
            ParseResult.Spend s = (ParseResult.Spend) parsed;
            eventId = s.spend().eventId();
            outcome = spend.apply(s.spend()).outcome();
        }
        switch (outcome) {
            case NEW -> applied++;
            case DUPLICATE -> duplicates++;
            case CONFLICT -> rejections.add(new Rejection(lineNumber,
                    "eventId " + eventId + ": " + HistoryUpdate.CONFLICT_REASON));
            case FULL -> rejections.add(new Rejection(lineNumber, "eventId " + eventId + ": " + full));
        }
    }

    private void countIgnored(ParseResult parsed) {
        parsed.ignoredFields().forEach(f -> ignoredFields.merge(f, 1L, Long::sum));
    }

    Map<String, LeadHistory> leads() {
        return leads;
    }

    SpendBook spend() {
        return spend;
    }

    List<Rejection> rejections() {
        return rejections;
    }

    /** The latest occurredAt among accepted lead events, if any. */
    Optional<Instant> latestOccurredAt() {
        return Optional.ofNullable(latestOccurredAt);
    }

    BatchStats stats() {
        return new BatchStats(read, applied, rejections.size(), duplicates, leads.size(), ignoredFields);
    }
}
