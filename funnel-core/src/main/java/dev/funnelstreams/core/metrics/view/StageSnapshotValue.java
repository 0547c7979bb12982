package dev.funnelstreams.core.metrics.view;

import java.time.Instant;

/** Value of funnel.stage-snapshot. */
public record StageSnapshotValue(long active, long stalled, Instant asOf) {
}
