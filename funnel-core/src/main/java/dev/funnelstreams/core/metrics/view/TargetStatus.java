package dev.funnelstreams.core.metrics.view;

/** Progress status of a target. */
public enum TargetStatus {
    ACHIEVED,
    ON_TRACK,
    BEHIND
}
