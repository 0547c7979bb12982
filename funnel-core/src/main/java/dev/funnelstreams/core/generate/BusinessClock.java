package dev.funnelstreams.core.generate;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.SplittableRandom;

/** Moves instants into office hours of the funnel time zone (people work 9:00-19:00, rarely at weekends). */
final class BusinessClock {

    private final ZoneId zone;

    BusinessClock(ZoneId zone) {
        this.zone = zone;
    }

    /** The first plausible working instant at or after {@code t}; never earlier than {@code t}. */
    Instant atOrAfter(Instant t, SplittableRandom rnd) {
        ZonedDateTime z = t.atZone(zone);
        if (z.getHour() < 9) {
            z = morning(z, rnd);
        } else if (z.getHour() >= 19) {
            z = morning(z.plusDays(1), rnd);
        }
        if (isWeekend(z) && rnd.nextDouble() < 0.85) {
            while (isWeekend(z)) {
                z = z.plusDays(1);
            }
            z = morning(z, rnd);
        }
        Instant result = z.toInstant();
        if (rnd.nextDouble() < 0.1) {
            result = result.plusMillis(1 + rnd.nextInt(999));
        }
        return result.isBefore(t) ? t : result;
    }

    /** {@code t} plus a duration of {@code days} (fractional) days. */
    static Instant plusDays(Instant t, double days) {
        return t.plus(Duration.ofSeconds((long) (days * 86_400)));
    }

    private static ZonedDateTime morning(ZonedDateTime day, SplittableRandom rnd) {
        return day.with(LocalTime.of(9, 0)).plusSeconds(rnd.nextInt(3 * 3600));
    }

    private static boolean isWeekend(ZonedDateTime z) {
        return z.getDayOfWeek() == DayOfWeek.SATURDAY || z.getDayOfWeek() == DayOfWeek.SUNDAY;
    }
}
