package dev.funnelstreams.core.lead;

import java.time.Instant;

/** A stay in a stage ended by a move or a loss; {@code dims} are those at the end. */
public record StayEnd(String stage, Instant enteredAt, Instant endedAt, Dims dims) {

    public long lengthMillis() {
        return endedAt.toEpochMilli() - enteredAt.toEpochMilli();
    }
}
