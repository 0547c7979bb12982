package dev.funnelstreams.core.lead;

import java.util.List;

/**
 * The facts that events appended to a lead's replay add: they never change a fact made before
 * them (first reaches, entries, losses and stay ends are fixed once made), except through the
 * facts a contribution reads at the lead's end, which {@link ReplayEnd} carries.
 *
 * @param win the win, when these events made it; null otherwise
 */
public record Increment(List<Reach> reaches, List<Entry> entries, List<Loss> losses, List<StayEnd> stayEnds,
        Win win) {

    public Increment {
        reaches = List.copyOf(reaches);
        entries = List.copyOf(entries);
        losses = List.copyOf(losses);
        stayEnds = List.copyOf(stayEnds);
    }

    public boolean isEmpty() {
        return reaches.isEmpty() && entries.isEmpty() && losses.isEmpty() && stayEnds.isEmpty() && win == null;
    }
}
