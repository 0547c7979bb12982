package dev.funnelstreams.core.event;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The instant format of SPEC section 8: RFC 3339 with an upper-case T and Z, seconds and an offset
 * required, a fraction of up to 9 digits, no leap second; kept at millisecond precision.
 */
public final class Rfc3339 {

    private static final Pattern FORMAT = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})T(\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,9}))?(Z|([+-])(\\d{2}):(\\d{2}))");
    private static final Pattern SECONDS = Pattern.compile(".*\\d{2}:\\d{2}:\\d{2}.*");
    private static final Pattern OFFSET = Pattern.compile(".*(Z|[+-]\\d{2}:\\d{2})");

    /** 0000-01-01T00:00:00Z and 10000-01-01T00:00:00Z in epoch seconds: the range {@link #iso} writes itself. */
    private static final long YEAR_0 = -62_167_219_200L;
    private static final long YEAR_10000 = 253_402_300_800L;

    private Rfc3339() {
    }

    /**
     * Parses {@code text}, truncating a fraction to milliseconds.
     *
     * @throws IllegalArgumentException with a message that says what is wrong (without the field name)
     */
    public static Instant parse(String text) {
        Instant fast = parseCommon(text);
        return fast != null ? fast : parseRegex(text);
    }

    /** The reference parser: the SPEC's format as a regular expression, every problem explained. */
    static Instant parseRegex(String text) {
        Matcher m = FORMAT.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "\"" + text + "\" is not RFC 3339 (" + diagnose(text) + ", e.g. 2026-03-02T09:30:00+08:00)");
        }
        int second = Integer.parseInt(m.group(6));
        if (second == 60) {
            throw new IllegalArgumentException("\"" + text + "\" is a leap second (not supported; use :59)");
        }
        ZoneOffset offset = ZoneOffset.UTC;
        try {
            if (m.group(9) != null) {
                int hours = Integer.parseInt(m.group(10));
                int minutes = Integer.parseInt(m.group(11));
                if (minutes > 59) {
                    throw new DateTimeException("offset minutes out of range");
                }
                offset = ZoneOffset.ofHoursMinutes(m.group(9).equals("-") ? -hours : hours,
                        m.group(9).equals("-") ? -minutes : minutes);
            }
            String fraction = m.group(7) == null ? "" : m.group(7);
            int millis = fraction.isEmpty() ? 0 : Integer.parseInt((fraction + "00").substring(0, 3));
            LocalDateTime local = LocalDateTime.of(
                    LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))),
                    LocalTime.of(Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), second,
                            millis * 1_000_000));
            return local.toInstant(offset);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not a valid date, time or offset (" + e.getMessage() + ")");
        }
    }

    /**
     * The instant of a well-formed, valid {@code text} without the regular expression (batch mode parses
     * millions), or null for anything else, which {@link #parse} then checks and explains the slow way. Accepts
     * exactly what {@link #FORMAT} and the range checks accept, with the same result.
     */
    private static Instant parseCommon(String text) {
        int n = text.length();
        if (n < 20 || n > 35 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if ((year | month | day | hour | minute | second) < 0 || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        int i = 19;
        int nanos = 0;
        if (text.charAt(i) == '.') {
            int start = ++i;
            while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                if (i - start < 3) {
                    nanos = nanos * 10 + (text.charAt(i) - '0');
                }
                i++;
            }
            int count = i - start;
            if (count < 1 || count > 9) {
                return null;
            }
            for (int k = count; k < 3; k++) {
                nanos *= 10;
            }
            nanos *= 1_000_000;
        }
        int offsetSeconds;
        if (i == n - 1 && text.charAt(i) == 'Z') {
            offsetSeconds = 0;
        } else if (i == n - 6 && (text.charAt(i) == '+' || text.charAt(i) == '-') && text.charAt(i + 3) == ':') {
            int oh = digits(text, i + 1, 2);
            int om = digits(text, i + 4, 2);
            if ((oh | om) < 0 || om > 59 || oh > 18 || (oh == 18 && om > 0)) {
                return null;
            }
            offsetSeconds = (text.charAt(i) == '-' ? -1 : 1) * (oh * 3600 + om * 60);
        } else {
            return null;
        }
        if (month < 1 || month > 12 || day < 1 || day > 28 && day > YearMonth.of(year, month).lengthOfMonth()) {
            return null;
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds, nanos);
    }

    /** The non-negative number of {@code count} ASCII digits at {@code from}, or -1. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** Writes an instant in UTC with Z, with seconds, and a fraction only when it is non-zero (millisecond precision). */
    public static String format(Instant instant) {
        StringBuilder sb = new StringBuilder(24);
        appendTo(sb, instant);
        return sb.toString();
    }

    /** {@link #format} into a builder (the generator writes millions of instants). */
    static void appendTo(StringBuilder sb, Instant instant) {
        Instant t = instant.truncatedTo(ChronoUnit.MILLIS);
        LocalDateTime utc = LocalDateTime.ofEpochSecond(t.getEpochSecond(), 0, ZoneOffset.UTC);
        if (utc.getYear() < 0 || utc.getYear() > 9999) {
            sb.append(DateTimeFormatter.ISO_INSTANT.format(t));
            return;
        }
        dateTime(sb, utc);
        int millis = t.getNano() / 1_000_000;
        if (millis != 0) {
            pad(sb.append('.'), millis, 3);
        }
        sb.append('Z');
    }

    /**
     * The same text as {@link Instant#toString()} (UTC with Z, seconds always, a fraction of 3, 6 or 9 digits only
     * when non-zero) without its {@code DateTimeFormatter}: the batch report and the API write an instant per
     * output record. Instants outside the years 0000-9999 are left to {@code Instant.toString}.
     */
    public static String iso(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < YEAR_0 || seconds >= YEAR_10000) {
            return instant.toString();
        }
        LocalDateTime utc = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
        StringBuilder sb = new StringBuilder(30);
        dateTime(sb, utc);
        int nano = instant.getNano();
        if (nano != 0) {
            sb.append('.');
            if (nano % 1_000_000 == 0) {
                pad(sb, nano / 1_000_000, 3);
            } else if (nano % 1_000 == 0) {
                pad(sb, nano / 1_000, 6);
            } else {
                pad(sb, nano, 9);
            }
        }
        return sb.append('Z').toString();
    }

    /** {@code yyyy-MM-ddTHH:mm:ss} of a date-time of the years 0000-9999. */
    private static void dateTime(StringBuilder sb, LocalDateTime utc) {
        pad(sb, utc.getYear(), 4).append('-');
        pad(sb, utc.getMonthValue(), 2).append('-');
        pad(sb, utc.getDayOfMonth(), 2).append('T');
        pad(sb, utc.getHour(), 2).append(':');
        pad(sb, utc.getMinute(), 2).append(':');
        pad(sb, utc.getSecond(), 2);
    }

    private static StringBuilder pad(StringBuilder sb, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            sb.append('0');
        }
        return sb.append(digits);
    }

    private static String diagnose(String text) {
        if (text.matches(".*:\\d{2}\\.\\d{10,}.*")) {
            return "a fraction has at most 9 digits";
        }
        List<String> need = new ArrayList<>();
        if (!text.contains("T")) {
            need.add(text.contains("t") ? "upper-case T" : "T");
        }
        if (!SECONDS.matcher(text).matches()) {
            need.add("seconds");
        }
        if (!OFFSET.matcher(text).matches()) {
            need.add(text.endsWith("z") ? "upper-case Z" : "offset");
        }
        if (need.isEmpty()) {
            return "need YYYY-MM-DDThh:mm:ss, an optional fraction after a dot and an offset Z, +hh:mm or -hh:mm";
        }
        String list = need.size() == 1
                ? need.get(0)
                : String.join(", ", need.subList(0, need.size() - 1)) + " and " + need.get(need.size() - 1);
        return "need " + list;
    }
}
