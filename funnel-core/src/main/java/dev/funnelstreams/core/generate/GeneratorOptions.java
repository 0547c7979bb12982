package dev.funnelstreams.core.generate;

import java.time.LocalDate;

/**
 * What to generate: {@code leads} leads whose history covers the {@code days} local days from
 * {@code start} (in the funnel time zone); no event occurs at or after the end of the last day.
 * The same options and config always give the same lines.
 */
public record GeneratorOptions(long seed, int leads, LocalDate start, int days) {

    public static final int DEFAULT_DAYS = 365;

    public GeneratorOptions {
        if (leads < 0) {
            throw new IllegalArgumentException("leads must be >= 0, got " + leads);
        }
        if (days < 1) {
            throw new IllegalArgumentException("days must be >= 1, got " + days);
        }
        if (start == null) {
            throw new IllegalArgumentException("start is required");
        }
    }

    /** The default start: the history covers the {@code days} days before {@code today} and ends at today's start. */
    public static LocalDate defaultStart(LocalDate today, int days) {
        return today.minusDays(days);
    }

    /** The first day after the history. */
    public LocalDate endExclusive() {
        return start.plusDays(days);
    }
}
