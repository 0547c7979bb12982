package dev.funnelstreams.core.lead;

import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.event.LeadCreated;
import dev.funnelstreams.core.event.LeadEvent;
import java.util.List;

/**
 * Replays one lead's history into its facts and final state (SPEC sections 3 and 8), from the
 * start or, for an event that sorts after every event replayed so far, from where the replay
 * stopped.
 */
public final class LeadReplay {

    private LeadReplay() {
    }

    public static LeadFacts replay(LeadHistory history, FunnelConfig config) {
        return walk(history, config).facts();
    }

    /** The facts of the whole history and where its replay ends. */
    public static Full full(LeadHistory history, FunnelConfig config) {
        ReplayWalk walk = walk(history, config);
        return new Full(walk.facts(), walk.end());
    }

    /**
     * Continues the replay at {@code end} with {@code event}, which must be resumable there
     * ({@link #resumes}): the same facts and state as replaying every event from the start.
     */
    public static Resumed resume(String leadId, ReplayEnd end, LeadEvent event, FunnelConfig config) {
        if (!resumes(end, event)) {
            throw new IllegalArgumentException("event " + event.eventId() + " of lead " + leadId
                    + " cannot continue the replay (it sorts before the last event or sets the channel)");
        }
        // the channel stays; a lead's first event sets it (its LeadCreated's, else unknown), as a whole replay does
        String channel = end.events() == 0 ? ReplayWalk.channelOf(List.of(event)) : end.channel();
        ReplayWalk walk = new ReplayWalk(leadId, config, channel, end);
        walk.step(event);
        return new Resumed(walk.increment(), walk.end());
    }

    /**
     * Whether {@code event} continues a replay that ended at {@code end}: it sorts after every event
     * so far, and it is not the lead's first LeadCreated after other events (whose channel every earlier
     * fact carries). A lead's very first event always continues the empty replay.
     */
    public static boolean resumes(ReplayEnd end, LeadEvent event) {
        return end.isAfterLast(event) && !(event instanceof LeadCreated && !end.created() && end.events() > 0);
    }

    private static ReplayWalk walk(LeadHistory history, FunnelConfig config) {
        ReplayWalk walk = new ReplayWalk(history.leadId(), config, ReplayWalk.channelOf(history.events()));
        history.events().forEach(walk::step);
        return walk;
    }

    /** A replay from the start: all facts, and its end. */
    public record Full(LeadFacts facts, ReplayEnd end) {
    }

    /** A continued replay: the facts the new event added, and the new end. */
    public record Resumed(Increment increment, ReplayEnd end) {
    }
}
