package dev.funnelstreams.core.report;

import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.event.EventJson;
import dev.funnelstreams.core.event.EventValidator;
import dev.funnelstreams.core.event.LeadEvent;
import dev.funnelstreams.core.event.ParseResult;
import dev.funnelstreams.core.lead.HistoryUpdate;
import dev.funnelstreams.core.lead.LeadFacts;
import dev.funnelstreams.core.lead.LeadHistory;
import dev.funnelstreams.core.lead.LeadReplay;
import dev.funnelstreams.core.lead.LeadState;
import dev.funnelstreams.core.metrics.CellTotals;
import dev.funnelstreams.core.metrics.ContributionRules;
import dev.funnelstreams.core.metrics.SpendBook;
import dev.funnelstreams.core.metrics.view.MetricsView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The batch report as it was before it went parallel, kept as the reference the parallel one must equal
 * record for record: one thread, one {@link LeadHistory} of records per lead, {@code LeadHistory.apply}
 * deciding duplicates, conflicts and full histories.
 */
final class SequentialReference {

    private static final Instant NO_SKEW_CHECK = Instant.parse("9999-01-01T00:00:00Z");

    private SequentialReference() {
    }

    static BatchResult run(FunnelConfig config, List<String> lines, Optional<Instant> asOf, Instant wallClock) {
        EventValidator validator = new EventValidator(config);
        Instant skewNow = asOf.orElse(NO_SKEW_CHECK);
        Map<String, LeadHistory> leads = new HashMap<>();
        SpendBook spend = new SpendBook(config);
        List<Rejection> rejections = new ArrayList<>();
        Map<String, Long> ignored = new HashMap<>();
        long read = 0;
        long applied = 0;
        long duplicates = 0;
        Instant latest = null;
        long lineNumber = 0;
        for (String line : lines) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            read++;
            ParseResult parsed = EventJson.parse(line);
            parsed.ignoredFields().forEach(f -> ignored.merge(f, 1L, Long::sum));
            Optional<String> problem = validator.check(parsed, skewNow);
            if (problem.isPresent()) {
                rejections.add(new Rejection(lineNumber, problem.get()));
                continue;
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
                    if (latest == null || e.occurredAt().isAfter(latest)) {
                        latest = e.occurredAt();
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
        Instant now = asOf.orElse(latest == null ? wallClock : latest);
        ContributionRules rules = new ContributionRules(config);
        CellTotals cells = new CellTotals();
        List<LeadState> states = new ArrayList<>(leads.size());
        for (LeadHistory history : leads.values()) {
            LeadFacts facts = LeadReplay.replay(history, config);
            rules.addTo(facts, cells);
            states.add(facts.state());
        }
        cells.add(spend.contributions());
        BatchStats stats = new BatchStats(read, applied, rejections.size(), duplicates, leads.size(), ignored);
        return new BatchResult(now, stats, new MetricsView(config).render(cells, states, now), rejections);
    }
}
