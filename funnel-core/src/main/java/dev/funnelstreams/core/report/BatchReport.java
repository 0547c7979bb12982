package dev.funnelstreams.core.report;

import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.lead.LeadHistory;
import dev.funnelstreams.core.lead.LeadFacts;
import dev.funnelstreams.core.lead.LeadReplay;
import dev.funnelstreams.core.lead.LeadState;
import dev.funnelstreams.core.metrics.CellTotals;
import dev.funnelstreams.core.metrics.ContributionRules;
import dev.funnelstreams.core.metrics.view.MetricsView;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Batch mode (SPEC section 7): canonical JSON lines in, the records of every output topic out,
 * computed by the same replay, cells and renderers as the streaming app.
 *
 * <p>"Now" is {@code asOf} when given. Otherwise it is the latest occurredAt among accepted lead
 * events (the wall clock when there is none). In that default case the future-skew check cannot
 * reject anything (no accepted event lies after the latest accepted one), so lines are validated
 * without it; this also avoids reading the file twice.
 */
public final class BatchReport {

    /** Far enough ahead that {@code now + maxFutureSkew} never rejects: the skew check is off. */
    private static final Instant NO_SKEW_CHECK = Instant.parse("9999-01-01T00:00:00Z");

    private BatchReport() {
    }

    public static BatchResult run(FunnelConfig config, Iterator<String> lines, Optional<Instant> asOf) {
        return run(config, lines, asOf, Clock.systemUTC());
    }

    public static BatchResult run(FunnelConfig config, Iterator<String> lines, Optional<Instant> asOf, Clock clock) {
        BatchIntake intake = new BatchIntake(config, asOf.orElse(NO_SKEW_CHECK));
        long lineNumber = 0;
        while (lines.hasNext()) {
            intake.accept(++lineNumber, lines.next());
        }
        Instant now = asOf.or(intake::latestOccurredAt).orElseGet(clock::instant);

        ContributionRules rules = new ContributionRules(config);
        CellTotals cells = new CellTotals();
        List<LeadState> states = new ArrayList<>(intake.leads().size());
        for (LeadHistory history : intake.leads().values()) {
            LeadFacts facts = LeadReplay.replay(history, config);
            rules.addTo(facts, cells);
            states.add(facts.state());
        }
        cells.add(intake.spend().contributions());
        return new BatchResult(now, intake.stats(), new MetricsView(config).render(cells, states, now),
                intake.rejections());
    }
}
