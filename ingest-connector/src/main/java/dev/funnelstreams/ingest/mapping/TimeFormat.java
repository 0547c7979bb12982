package dev.funnelstreams.ingest.mapping;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.List;
import java.util.Locale;

/**
 * Turns export timestamps into instants. Patterns are tried in order; without a pattern, ISO
 * forms are accepted (with 'T' or a space, with or without offset, or a bare date). A local time
 * is placed in {@code zone}; a bare date means the start of that day in {@code zone} (the first
 * valid instant when midnight falls in a daylight-saving gap). {@code epochMillis} and
 * {@code epochSeconds} read numbers.
 */
final class TimeFormat {

    private final List<String> patterns;
    private final List<DateTimeFormatter> formatters;
    private final ZoneId zone;

    TimeFormat(List<String> patterns, ZoneId zone, String key) {
        this.patterns = patterns;
        this.zone = zone;
        this.formatters = patterns.stream()
                .filter(p -> !p.equals("epochMillis") && !p.equals("epochSeconds") && !p.equals("iso"))
                .map(p -> {
                    try {
                        return DateTimeFormatter.ofPattern(p, Locale.ROOT);
                    } catch (IllegalArgumentException e) {
                        throw new MappingException(key, "bad date/time pattern '" + p + "': " + e.getMessage());
                    }
                })
                .toList();
    }

    Instant instant(String text) {
        if (patterns.isEmpty()) {
            return iso(text);
        }
        int f = 0;
        for (String p : patterns) {
            try {
                switch (p) {
                    case "iso":
                        return iso(text);
                    case "epochMillis":
                        return Instant.ofEpochMilli(Long.parseLong(text));
                    case "epochSeconds":
                        return Instant.ofEpochSecond(Long.parseLong(text));
                    default:
                        return fromParsed(formatters.get(f++).parse(text));
                }
            } catch (DateTimeException | NumberFormatException e) {
                // try the next pattern
            }
        }
        throw new RowRejected("'" + text + "' matches none of " + patterns);
    }

    LocalDate date(String text) {
        if (patterns.isEmpty()) {
            try {
                return LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                throw new RowRejected("'" + text + "' is not a date (yyyy-MM-dd)");
            }
        }
        for (DateTimeFormatter f : formatters) {
            try {
                return LocalDate.from(f.parse(text));
            } catch (DateTimeException e) {
                // try the next pattern
            }
        }
        throw new RowRejected("'" + text + "' matches none of " + patterns);
    }

    private Instant iso(String text) {
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay(zone).toInstant();
            }
            String t = text.replace(' ', 'T');
            char last = t.charAt(t.length() - 1);
            if (last == 'Z' || last == 'z' || t.lastIndexOf('+') > 10 || t.lastIndexOf('-') > 10) {
                return OffsetDateTime.parse(t.replace('z', 'Z')).toInstant();
            }
            return LocalDateTime.parse(t).atZone(zone).toInstant();
        } catch (DateTimeException e) {
            throw new RowRejected("'" + text + "' is not an ISO-8601 date or date-time");
        }
    }

    private Instant fromParsed(TemporalAccessor t) {
        if (t.query(TemporalQueries.offset()) != null || t.query(TemporalQueries.zoneId()) != null) {
            if (t.query(TemporalQueries.localTime()) == null) {
                return LocalDate.from(t).atStartOfDay(ZoneId.from(t)).toInstant();
            }
            return Instant.from(t);
        }
        if (t.query(TemporalQueries.localTime()) == null) {
            return LocalDate.from(t).atStartOfDay(zone).toInstant();
        }
        return LocalDateTime.from(t).atZone(zone).toInstant();
    }

    /** RFC 3339 in UTC, millisecond precision, fraction only when non-zero. */
    static String format(Instant i) {
        return DateTimeFormatter.ISO_INSTANT.format(i.truncatedTo(ChronoUnit.MILLIS));
    }
}
