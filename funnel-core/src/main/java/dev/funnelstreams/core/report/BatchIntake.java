package dev.funnelstreams.core.report;

import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.event.LeadEvent;
import dev.funnelstreams.core.lead.HistoryLimits;
import dev.funnelstreams.core.lead.HistoryUpdate;
import dev.funnelstreams.core.metrics.SpendBook;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Takes the parsed lines in line order: the first accepted arrival of an eventId wins (later copies with
 * the same content are duplicates, with other content rejected), a lead's history is bounded by
 * {@link HistoryLimits}. The same outcomes as {@code LeadHistory.apply} on the same arrivals, on compact
 * histories ({@link LeadBuffer}).
 */
final class BatchIntake {

    /** By leadId, inserted at each lead's first accepted event (the order the lead states are rendered in). */
    private final Map<String, LeadBuffer> leads = new HashMap<>();
    private final SpendBook spend;
    private final List<Rejection> rejections = new ArrayList<>();
    private long read;
    private long applied;
    private long duplicates;
    private final Map<String, Long> ignoredFields = new HashMap<>();
    private Instant latestOccurredAt;

    BatchIntake(FunnelConfig config) {
        this.spend = new SpendBook(config);
    }

    void accept(ParsedLine p) {
        read++;
        for (String f : p.ignored()) {
            ignoredFields.merge(f, 1L, Long::sum);
        }
        if (p.rejection() != null) {
            rejections.add(new Rejection(p.line(), p.rejection()));
            return;
        }
        HistoryUpdate.Outcome outcome;
        String eventId;
        String full = null;
        if (p.stored() != null) {
            LeadEvent e = p.stored();
            eventId = e.eventId();
            LeadBuffer lead = leads.get(e.leadId());
            boolean known = lead != null;
            if (!known) {
                lead = new LeadBuffer(e.leadId(), leads.size());
            }
            switch (lead.lookup(p.encoded())) {
                case SAME -> outcome = HistoryUpdate.Outcome.DUPLICATE;
                case DIFFERENT -> outcome = HistoryUpdate.Outcome.CONFLICT;
                default -> {
                    if (lead.count() < HistoryLimits.MAX_EVENTS
                            && lead.storedBytes() + p.size() <= HistoryLimits.MAX_BYTES) {
                        outcome = HistoryUpdate.Outcome.NEW;
                    } else {
                        // at the limits: the history's own rule decides and words the reason
                        HistoryUpdate update = lead.history().apply(e);
                        outcome = update.outcome();
                        full = update.reason();
                    }
                }
            }
            if (outcome == HistoryUpdate.Outcome.NEW) {
                lead.append(p.encoded(), p.size());
                if (!known) {
                    leads.put(e.leadId(), lead);
                }
                if (latestOccurredAt == null || e.occurredAt().isAfter(latestOccurredAt)) {
                    latestOccurredAt = e.occurredAt();
                }
            }
        } else {
            eventId = p.spend().eventId();
            outcome = spend.apply(p.spend()).outcome();
        }
        switch (outcome) {
            case NEW -> applied++;
            case DUPLICATE -> duplicates++;
            case CONFLICT -> rejections.add(new Rejection(p.line(),
                    "eventId " + eventId + ": " + HistoryUpdate.CONFLICT_REASON));
            case FULL -> rejections.add(new Rejection(p.line(), "eventId " + eventId + ": " + full));
        }
    }

    /** The leads with at least one accepted event, in the map's iteration order. */
    Map<String, LeadBuffer> leads() {
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
