package dev.funnelstreams.core.metrics;

/**
 * Cell and output key of funnel.pipeline (SPEC section 9): the active leads now in a stage before
 * the won stage, with their dimension values now. A snapshot like the stage snapshot: no period.
 */
public record PipelineKey(String dimension, String dimensionValue, String stage) implements CellKey<PipelineCounts> {
}
