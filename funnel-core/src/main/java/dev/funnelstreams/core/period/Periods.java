package dev.funnelstreams.core.period;

import dev.funnelstreams.core.config.PeriodKind;
import java.time.Instant;
import java.time.ZoneId;

/** Finds the period of an instant in the funnel time zone. */
public final class Periods {

    private Periods() {
    }

    /** The period of {@code kind} holding {@code instant}, cut at local midnight in {@code zone}. */
    public static Period of(Instant instant, PeriodKind kind, ZoneId zone) {
        return Period.of(instant.atZone(zone).toLocalDate(), kind);
    }
}
