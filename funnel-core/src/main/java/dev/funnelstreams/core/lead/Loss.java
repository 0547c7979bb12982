package dev.funnelstreams.core.lead;

import java.time.Instant;

/** An active lead was lost at {@code stage}; {@code reason} is a normalised loss reason code. */
public record Loss(String stage, String reason, Instant at, Dims dims) {
}
