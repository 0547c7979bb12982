package dev.funnelstreams.core.lead;

import dev.funnelstreams.core.config.FunnelConfig;

/** Replays one lead's history into its facts and final state (SPEC sections 3 and 8). */
public final class LeadReplay {

    private LeadReplay() {
    }

    public static LeadFacts replay(LeadHistory history, FunnelConfig config) {
        ReplayWalk walk = new ReplayWalk(history.leadId(), config, ReplayWalk.channelOf(history.events()));
        history.events().forEach(walk::step);
        return walk.facts();
    }
}
