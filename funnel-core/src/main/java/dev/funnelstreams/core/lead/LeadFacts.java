package dev.funnelstreams.core.lead;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything SPEC section 3 derives from one lead's events: the facts the metrics count, each
 * with its dimension values, and the lead's final state.
 *
 * @param reaches  first reaches, in replay order (at most one per stage)
 * @param entries  stage entries (the first one is the funnel entry)
 * @param losses   losses of an active lead
 * @param stayEnds stays ended by a move or a loss
 * @param win      the first reach of the won stage, with its value
 * @param touches  instants of the follow-up touches
 * @param state    the lead after all events
 */
public record LeadFacts(
        String leadId,
        List<Reach> reaches,
        List<Entry> entries,
        List<Loss> losses,
        List<StayEnd> stayEnds,
        Optional<Win> win,
        List<Instant> touches,
        LeadState state) {

    public LeadFacts {
        reaches = List.copyOf(reaches);
        entries = List.copyOf(entries);
        losses = List.copyOf(losses);
        stayEnds = List.copyOf(stayEnds);
        touches = List.copyOf(touches);
    }

    /** The first reach of {@code stage}. */
    public Optional<Reach> reach(String stage) {
        return reaches.stream().filter(r -> r.stage().equals(stage)).findFirst();
    }

    /** The funnel entry: the first entry, if the lead entered the funnel. */
    public Optional<Entry> funnelEntry() {
        return entries.isEmpty() ? Optional.empty() : Optional.of(entries.get(0));
    }
}
