package dev.funnelstreams.core.metrics;

import java.util.Objects;

/**
 * Cell and output key of funnel.pipeline (SPEC section 9): the active leads now in a stage before
 * the won stage, with their dimension values now. A snapshot like the stage snapshot: no period.
 */
public record PipelineKey(String dimension, String dimensionValue, String stage) implements CellKey<PipelineCounts> {

    // equals and hashCode written out: the record's generated ones go through method handles
    // (ObjectMethods), about 7 % of the batch report's profile; cell keys are hashed ~150 times a lead

    @Override
    public boolean equals(Object o) {
        return o instanceof PipelineKey k && Objects.equals(dimension, k.dimension)
                && Objects.equals(dimensionValue, k.dimensionValue) && Objects.equals(stage, k.stage);
    }

    @Override
    public int hashCode() {
        int h = Objects.hashCode(dimension);
        h = 31 * h + Objects.hashCode(dimensionValue);
        h = 31 * h + Objects.hashCode(stage);
        return h;
    }
}
