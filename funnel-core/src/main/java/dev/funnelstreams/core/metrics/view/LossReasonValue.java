package dev.funnelstreams.core.metrics.view;

/** Value of funnel.loss-reasons; {@code stageLosses} is the stage-flow {@code lost} of the same cell. */
public record LossReasonValue(long count, long stageLosses, Double share) {

    public static LossReasonValue of(long count, long stageLosses) {
        return new LossReasonValue(count, stageLosses, Ratios.rate(count, stageLosses));
    }
}
