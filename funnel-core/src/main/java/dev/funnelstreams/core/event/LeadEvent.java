package dev.funnelstreams.core.event;

import java.time.Instant;

/**
 * A canonical lead event of SPEC section 2, already parsed and normalised: instants at
 * millisecond precision, money at scale 2, "" on optional non-attribute fields turned into null.
 * Two events with the same eventId have "the same content" exactly when they are {@code equals}.
 *
 * <p>Attribute fields (owner, industry, tier, estimatedValue) are tri-state: null leaves the
 * attribute as it was, "" (or {@code estimatedValueCleared}) clears it, anything else sets it.
 */
public sealed interface LeadEvent
        permits LeadCreated, StageChanged, ActivityLogged, OwnerChanged, LeadUpdated, LeadLost {

    String eventId();

    String leadId();

    Instant occurredAt();

    /** The SPEC's type name, e.g. {@code StageChanged}. */
    default String type() {
        return getClass().getSimpleName();
    }

    /** Replay order rank of SPEC section 3: LeadCreated 0 ... LeadLost 5. */
    int typeRank();
}
