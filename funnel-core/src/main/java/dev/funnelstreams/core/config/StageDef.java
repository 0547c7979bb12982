package dev.funnelstreams.core.config;

import java.time.Duration;
import java.util.Optional;

/**
 * One funnel stage.
 *
 * @param id         stable id, {@code [a-z0-9_-]+}
 * @param name       display name in any language (defaults to the id)
 * @param stallAfter how long a stay may last before STALL; empty means never stalls
 * @param won        whether this is the won stage
 */
public record StageDef(String id, String name, Optional<Duration> stallAfter, boolean won) {
}
