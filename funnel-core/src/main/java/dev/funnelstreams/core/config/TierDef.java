package dev.funnelstreams.core.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;

/**
 * A value tier (A/B/C): a lead whose estimated value is at least {@code minValue} belongs to the
 * highest such tier unless an explicit tier is set on an event.
 *
 * @param name          tier name as configured, e.g. {@code A}
 * @param minValue      lower bound of estimated value (inclusive)
 * @param followUpEvery follow-up cadence; empty means no FOLLOW_UP_OVERDUE for this tier
 */
public record TierDef(String name, BigDecimal minValue, Optional<Duration> followUpEvery) {
}
