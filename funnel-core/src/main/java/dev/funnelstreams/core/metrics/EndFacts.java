package dev.funnelstreams.core.metrics;

import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.lead.Dims;
import dev.funnelstreams.core.lead.Entry;
import dev.funnelstreams.core.lead.LeadFacts;
import dev.funnelstreams.core.lead.Reach;
import dev.funnelstreams.core.lead.ReplayEnd;
import dev.funnelstreams.core.lead.Win;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * What the contributions read off a lead's end rather than off one fact: its first reaches (a
 * cohort converts when a later stage is reached), its win, its first entry and where it is now.
 * The same view of a full replay ({@link LeadFacts}) and of a continued one ({@link ReplayEnd}).
 *
 * @param win         null when none
 * @param funnelEntry null when the lead never entered the funnel
 * @param stage       the current stage id, null before the funnel
 * @param estimatedValue the estimated value now, null when unset
 */
record EndFacts(List<Reach> reaches, Win win, Entry funnelEntry, boolean active, String stage, Dims dims,
        BigDecimal estimatedValue) {

    static EndFacts of(LeadFacts facts) {
        return new EndFacts(facts.reaches(), facts.win().orElse(null), facts.funnelEntry().orElse(null),
                facts.state().active(), facts.state().stage(), facts.state().dims(), facts.state().estimatedValue());
    }

    static EndFacts of(ReplayEnd end, FunnelConfig config) {
        return new EndFacts(end.reaches(), end.win(), end.funnelEntry(), end.active(),
                end.stage() >= 0 ? config.stages().get(end.stage()).id() : null,
                new Dims(end.channel(), end.attributes().owner(), end.attributes().tier(config),
                        end.attributes().industry()),
                end.attributes().estimatedValue());
    }

    Optional<Reach> reach(String stageId) {
        for (Reach r : reaches) {
            if (r.stage().equals(stageId)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
