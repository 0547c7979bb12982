package dev.funnelstreams.streams.http;

import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.lead.Entry;
import dev.funnelstreams.core.lead.LeadFacts;
import dev.funnelstreams.core.lead.LeadRecord;
import dev.funnelstreams.core.lead.LeadReplay;
import dev.funnelstreams.core.lead.StayEnd;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One lead's stays in stages, oldest first, from the replay of its stored history (read-only, the
 * same replay the metrics count): where it entered, when the stay ended and how (a move to another
 * stage, or a loss with its reason), or that it is still open.
 */
final class StageHistory {

    /**
     * One stay. {@code endedBy}: {@code move}, {@code loss} or null (open); {@code days}: its length
     * (null while open); {@code lossReason}: the loss reason code when a loss ended it.
     */
    record Stay(String stage, String stageName, Instant enteredAt, Instant endedAt, Double days, String endedBy,
            String lossReason) {
    }

    private StageHistory() {
    }

    static List<Stay> of(LeadRecord lead, FunnelConfig config) {
        LeadFacts facts = LeadReplay.replay(lead.history(), config);
        List<Entry> entries = facts.entries();
        List<StayEnd> ends = facts.stayEnds();
        List<Stay> stays = new ArrayList<>();
        int losses = 0;
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            String name = config.stage(entry.stage()).map(s -> s.name()).orElse(entry.stage());
            if (i >= ends.size()) {
                stays.add(new Stay(entry.stage(), name, entry.at(), null, null, null, null));
                continue;
            }
            // stays alternate with their ends (an entry, its end, the next entry, ...). A move's end is the
            // next entry's instant; a loss sorts after every StageChanged of its instant, so a reopen after
            // it always comes later: an end without an entry at its instant is a loss, the next in order
            StayEnd end = ends.get(i);
            boolean moved = i + 1 < entries.size() && entries.get(i + 1).at().equals(end.endedAt());
            String reason = moved ? null : facts.losses().get(losses++).reason();
            stays.add(new Stay(entry.stage(), name, entry.at(), end.endedAt(), end.lengthMillis() / 86_400_000.0,
                    moved ? "move" : "loss", reason));
        }
        return stays;
    }
}
