package dev.funnelstreams.core.metrics;

import dev.funnelstreams.core.config.Dimension;
import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.lead.Dims;
import java.util.ArrayList;
import java.util.List;

/** One (dimension, dimensionValue) a fact is counted under: {@code all/all} plus each configured dimension. */
public record DimensionSlice(String dimension, String dimensionValue) {

    public static final DimensionSlice ALL = new DimensionSlice(Dimension.ALL, Dimension.ALL);

    public static List<DimensionSlice> of(Dims dims, FunnelConfig config) {
        List<DimensionSlice> out = new ArrayList<>(config.dimensions().size() + 1);
        out.add(ALL);
        for (Dimension d : config.dimensions()) {
            out.add(new DimensionSlice(d.key(), dims.value(d)));
        }
        return out;
    }
}
