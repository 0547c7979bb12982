package dev.funnelstreams.core.lead;

import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.event.LeadEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a lead's replay stopped: everything the next event needs to continue it without replaying
 * what came before (SPEC section 3 walks the events in order; each step reads only this). Stored
 * with the lead ({@link LeadRecord}) so that an event arriving in order costs its own step.
 *
 * @param channel      the lead's channel: of the first LeadCreated, {@code unknown} before one
 * @param created      whether a LeadCreated was replayed (a later one cannot change the channel)
 * @param attributes   the attributes after the last event
 * @param stage        index of the current stage, -1 before the funnel
 * @param active       in the funnel and not lost
 * @param enteredAt    start of the current (or, when lost, the last) stay
 * @param reaches      first reaches in replay order
 * @param win          the win, null when none
 * @param funnelEntry  the first entry, null when the lead has not entered the funnel
 * @param lastTouch    the last touch, null when none
 * @param last         the replay position of the last event (an event after it continues this replay)
 * @param events       how many events the lead has
 * @param bytes        their estimated stored size ({@link HistoryLimits#bytes})
 */
public record ReplayEnd(
        String channel,
        boolean created,
        Attributes attributes,
        int stage,
        boolean active,
        Instant enteredAt,
        List<Reach> reaches,
        Win win,
        Entry funnelEntry,
        Instant lastTouch,
        Position last,
        int events,
        long bytes) {

    /** Before the first event. */
    public static final ReplayEnd START = new ReplayEnd(Dims.UNKNOWN, false, Attributes.NONE, -1, false, null,
            List.of(), null, null, null, null, 0, 0);

    public ReplayEnd {
        reaches = List.copyOf(reaches);
    }

    /** An event's place in the replay order ({@link EventOrder#REPLAY}). */
    public record Position(Instant occurredAt, int typeRank, String eventId) implements Comparable<Position> {

        public static Position of(LeadEvent e) {
            return new Position(e.occurredAt(), e.typeRank(), e.eventId());
        }

        @Override
        public int compareTo(Position o) {
            int c = occurredAt.compareTo(o.occurredAt);
            if (c == 0) {
                c = Integer.compare(typeRank, o.typeRank);
            }
            return c != 0 ? c : eventId.compareTo(o.eventId);
        }
    }

    /** Whether {@code event} sorts after every event replayed so far. */
    public boolean isAfterLast(LeadEvent event) {
        return last == null || Position.of(event).compareTo(last) > 0;
    }

    /** The first reach of {@code stage}. */
    public Optional<Reach> reach(String stageId) {
        for (Reach r : reaches) {
            if (r.stage().equals(stageId)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** The lead's state, as {@link LeadFacts#state()} gives it after a full replay. */
    public LeadState state(String leadId, FunnelConfig config) {
        Map<String, Instant> reached = new LinkedHashMap<>();
        for (int k = 0; k < config.stages().size(); k++) {
            String id = config.stages().get(k).id();
            reach(id).ifPresent(r -> reached.put(id, r.at()));
        }
        return new LeadState(leadId, stage >= 0, stage >= 0 ? config.stages().get(stage).id() : null, active,
                enteredAt, reached, attributes.owner(), attributes.tier(config), attributes.industry(), channel,
                lastTouch, attributes.estimatedValue());
    }
}
