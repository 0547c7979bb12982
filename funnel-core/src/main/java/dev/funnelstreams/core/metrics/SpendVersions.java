package dev.funnelstreams.core.metrics;

import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.config.PeriodKind;
import dev.funnelstreams.core.event.ChannelSpend;
import dev.funnelstreams.core.lead.HistoryUpdate;
import dev.funnelstreams.core.period.Period;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The accepted versions of one spend key (the per-key state of the topology). The winner is the
 * greatest (reportedAt, eventId), an absent reportedAt ranking lowest (SPEC section 8).
 */
public record SpendVersions(SpendKey key, List<ChannelSpend> versions) {

    private static final Comparator<ChannelSpend> RANK =
            Comparator.comparing(ChannelSpend::reportedAt, Comparator.nullsFirst(Comparator.<Instant>naturalOrder()))
                    .thenComparing(ChannelSpend::eventId);

    public SpendVersions {
        versions = List.copyOf(versions);
    }

    public static SpendVersions empty(SpendKey key) {
        return new SpendVersions(key, List.of());
    }

    /** The outcome of adding one version: NEW, DUPLICATE (same eventId and content) or CONFLICT. */
    public record Update(HistoryUpdate.Outcome outcome, SpendVersions versions) {
    }

    public Update apply(ChannelSpend spend) {
        if (!SpendKey.of(spend).equals(key)) {
            throw new IllegalArgumentException("spend " + spend.eventId() + " does not belong to " + key);
        }
        for (ChannelSpend v : versions) {
            if (v.eventId().equals(spend.eventId())) {
                return new Update(v.equals(spend) ? HistoryUpdate.Outcome.DUPLICATE : HistoryUpdate.Outcome.CONFLICT,
                        this);
            }
        }
        List<ChannelSpend> grown = new ArrayList<>(versions);
        grown.add(spend);
        grown.sort(RANK);
        return new Update(HistoryUpdate.Outcome.NEW, new SpendVersions(key, grown));
    }

    public Optional<ChannelSpend> winner() {
        return versions.isEmpty() ? Optional.empty() : Optional.of(versions.get(versions.size() - 1));
    }

    /** The winner's spend in the channel-costs cells of every configured period of its date. */
    public Contributions contributions(FunnelConfig config) {
        if (versions.isEmpty()) {
            return Contributions.EMPTY;
        }
        ChannelSpend w = winner().orElseThrow();
        Map<CellKey<?>, Counter<?>> cells = new HashMap<>();
        for (PeriodKind kind : config.periods()) {
            cells.put(new ChannelCostKey(Period.of(w.date(), kind), key.channel()),
                    ChannelCounts.spendOf(Amounts.of(w.amount())));
        }
        return Contributions.of(cells);
    }
}
