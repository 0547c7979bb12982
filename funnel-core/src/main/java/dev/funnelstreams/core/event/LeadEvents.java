package dev.funnelstreams.core.event;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The normalisations that make record equality the "same content" test of SPEC section 8, shared by
 * every decoder (JSON here, Avro in the topology): instants at milliseconds, money at scale 2 (see
 * {@link Money#normalise}), and "" on optional non-attribute fields read as absent.
 */
public final class LeadEvents {

    private LeadEvents() {
    }

    /** An optional non-attribute field (amount, campaign, note, detail, fromStage, channel): "" is absent. */
    public static String optional(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    /** An instant at millisecond precision (extra digits truncated). */
    public static Instant instant(Instant value) {
        return value == null ? null : value.truncatedTo(ChronoUnit.MILLIS);
    }
}
