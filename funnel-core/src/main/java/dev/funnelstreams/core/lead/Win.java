package dev.funnelstreams.core.lead;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The first reach of the won stage; {@code value} is the amount of the event that reached it, else
 * the estimated value then, else 0 (scale 2).
 */
public record Win(Instant at, BigDecimal value, Dims dims) {
}
