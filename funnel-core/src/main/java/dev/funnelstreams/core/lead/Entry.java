package dev.funnelstreams.core.lead;

import java.time.Instant;

/** A lead entered a stage: the funnel entry, a move, or a reopen. */
public record Entry(String stage, Instant at, Dims dims) {
}
