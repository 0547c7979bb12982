package dev.funnelstreams.core.metrics;

import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.event.ChannelSpend;
import dev.funnelstreams.core.lead.HistoryUpdate;
import java.util.HashMap;
import java.util.Map;

/** All spend keys of a batch, with the change each accepted version makes to the metric cells. */
public final class SpendBook {

    private final FunnelConfig config;
    private final Map<SpendKey, SpendVersions> keys = new HashMap<>();

    public SpendBook(FunnelConfig config) {
        this.config = config;
    }

    /** The outcome of one spend event and the delta it makes (empty unless the winner changed). */
    public record Applied(HistoryUpdate.Outcome outcome, Contributions delta) {
    }

    public Applied apply(ChannelSpend spend) {
        SpendKey key = SpendKey.of(spend);
        SpendVersions before = keys.getOrDefault(key, SpendVersions.empty(key));
        SpendVersions.Update update = before.apply(spend);
        if (update.outcome() != HistoryUpdate.Outcome.NEW) {
            return new Applied(update.outcome(), Contributions.EMPTY);
        }
        keys.put(key, update.versions());
        return new Applied(update.outcome(),
                Deltas.of(before.contributions(config), update.versions().contributions(config)));
    }

    /** The spend of all winning versions. */
    public Contributions contributions() {
        CellTotals sum = new CellTotals();
        keys.values().forEach(v -> sum.add(v.contributions(config)));
        return sum.toContributions();
    }
}
