package dev.funnelstreams.core.metrics;

/**
 * The key of one metric cell; {@code C} is the type of its additive counter. Most keys are also
 * the output keys of SPEC section 4 (same fields, same names).
 */
public sealed interface CellKey<C extends Counter<C>>
        permits StageFlowKey, ConversionKey, LossReasonKey, ChannelCostKey, SnapshotKey, TargetKey, WeekKey, StalledKey,
        StalledNowKey, PipelineKey, SalesKpiKey, ReviewKey, TargetValueKey {
}
