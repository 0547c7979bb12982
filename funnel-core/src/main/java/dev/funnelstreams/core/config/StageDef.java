package dev.funnelstreams.core.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;

/**
 * One funnel stage.
 *
 * @param id         stable id, {@code [a-z0-9_-]+}
 * @param name       display name in any language (defaults to the id)
 * @param stallAfter how long a stay may last before STALL; empty means never stalls
 * @param won        whether this is the won stage
 * @param probability the chance that a lead now in this stage is won, in [0, 1] at scale 2 (SPEC section 9;
 *                    stages before the won stage only); empty when not configured
 */
public record StageDef(String id, String name, Optional<Duration> stallAfter, boolean won,
        Optional<BigDecimal> probability) {

    /** A stage without a probability. */
    public StageDef(String id, String name, Optional<Duration> stallAfter, boolean won) {
        this(id, name, stallAfter, won, Optional.empty());
    }
}
