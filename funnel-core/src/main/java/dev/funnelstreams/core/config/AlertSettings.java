package dev.funnelstreams.core.config;

import java.time.Duration;

/**
 * Alert settings of SPEC section 1 with the section 8 defaults
 * (minPoints 5, minSample 20, grace P1D, maxFutureSkew PT1H).
 */
public record AlertSettings(int minPoints, int minSample, Duration grace, Duration maxFutureSkew) {

    public static final AlertSettings DEFAULTS =
            new AlertSettings(5, 20, Duration.ofDays(1), Duration.ofHours(1));
}
