package dev.funnelstreams.core.lead;

import java.time.Instant;

/** The first time a lead reached a stage (also by skipping it). */
public record Reach(String stage, Instant at, Dims dims) {
}
