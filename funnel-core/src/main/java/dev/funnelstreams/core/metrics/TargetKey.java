package dev.funnelstreams.core.metrics;

import dev.funnelstreams.core.period.Period;

/**
 * Cell and output key of funnel.target-progress: reaches of the stage in a target period
 * (dimension all). Kept apart from stage-flow because a target period may be of a kind that is
 * not in {@code periods}.
 */
public record TargetKey(Period period, String stage) implements CellKey<Count> {
}
