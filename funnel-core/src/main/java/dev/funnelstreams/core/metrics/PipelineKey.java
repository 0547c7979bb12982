package dev.funnelstreams.core.metrics;

import java.util.Objects;

/**
 * Cell and output key of funnel.pipeline (SPEC section 9): the active leads now in a stage before
 * the won stage, with their dimension values now. A snapshot like the stage snapshot: no period.
 */
public record PipelineKey(String dimension, String dimensionValue, String stage) implements CellKey<PipelineCounts> {

    // equals and hashCode written out (KeyHash says why)

    @Override
    public boolean equals(Object o) {
        return o instanceof PipelineKey k && Objects.equals(dimension, k.dimension)
                && Objects.equals(dimensionValue, k.dimensionValue) && Objects.equals(stage, k.stage);
    }

    @Override
    public int hashCode() {
        return KeyHash.of(dimension, dimensionValue, stage);
    }
}
