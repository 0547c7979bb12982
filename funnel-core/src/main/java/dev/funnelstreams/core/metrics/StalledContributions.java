package dev.funnelstreams.core.metrics;

import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.lead.LeadState;
import java.util.HashMap;
import java.util.Map;

/**
 * What a stalled lead adds to the clock-dependent cells: one in {@code stalled} of its stage for
 * every dimension slice of the lead now, and one in {@code stalledNow}. Whether the lead is stalled
 * is decided by {@link dev.funnelstreams.core.alert.AlertEvaluator#isStalled}.
 */
public final class StalledContributions {

    private StalledContributions() {
    }

    public static Contributions of(LeadState lead, FunnelConfig config) {
        Map<CellKey<?>, Counter<?>> cells = new HashMap<>();
        for (DimensionSlice s : DimensionSlice.of(lead.dims(), config)) {
            cells.put(new StalledKey(s.dimension(), s.dimensionValue(), lead.stage()), Count.ONE);
        }
        cells.put(StalledNowKey.INSTANCE, Count.ONE);
        return Contributions.owning(cells);
    }
}
