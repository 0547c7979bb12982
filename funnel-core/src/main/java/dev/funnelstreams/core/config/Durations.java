package dev.funnelstreams.core.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the exact ISO-8601 durations of SPEC section 8: only W, D, H, M (minutes) and S units,
 * whole seconds, no sign. A day is 24 hours; months and years are rejected because they have no
 * fixed length.
 */
public final class Durations {

    private static final Pattern EXACT =
            Pattern.compile("P(?:(\\d+)W)?(?:(\\d+)D)?(?:T(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+)S)?)?");
    private static final String ALLOWED = "ISO-8601 with W, D, H, M, S units and whole seconds, e.g. P14D, PT1H, P1DT12H";

    private Durations() {
    }

    /**
     * Parses {@code text}; {@code key} names the config key in the error.
     *
     * @throws ConfigException with one error naming the key and what is allowed
     */
    public static Duration parse(String key, String text) {
        if (text == null || text.isEmpty()) {
            throw new ConfigException(key + ": empty duration (" + ALLOWED + ")");
        }
        Matcher m = EXACT.matcher(text);
        if (!m.matches() || text.equals("P") || text.endsWith("T")) {
            throw new ConfigException(key + ": \"" + text + "\" is not an exact duration (" + why(text) + ALLOWED + ")");
        }
        try {
            Duration d = Duration.ZERO;
            d = d.plus(Duration.ofDays(Math.multiplyExact(number(m.group(1)), 7)));
            d = d.plus(Duration.ofDays(number(m.group(2))));
            d = d.plus(Duration.ofHours(number(m.group(3))));
            d = d.plus(Duration.ofMinutes(number(m.group(4))));
            return d.plus(Duration.ofSeconds(number(m.group(5))));
        } catch (ArithmeticException | NumberFormatException e) {
            throw new ConfigException(key + ": \"" + text + "\" is too long a duration");
        }
    }

    /** The ISO-8601 text of an exact duration, using D for whole days: P14D, PT1H, P1DT12H. */
    public static String format(Duration d) {
        if (d.isZero()) {
            return "PT0S";
        }
        long days = d.toDays();
        Duration rest = d.minusDays(days);
        StringBuilder sb = new StringBuilder("P");
        if (days != 0) {
            sb.append(days).append('D');
        }
        if (!rest.isZero()) {
            sb.append('T');
            if (rest.toHoursPart() != 0) {
                sb.append(rest.toHoursPart()).append('H');
            }
            if (rest.toMinutesPart() != 0) {
                sb.append(rest.toMinutesPart()).append('M');
            }
            if (rest.toSecondsPart() != 0) {
                sb.append(rest.toSecondsPart()).append('S');
            }
        }
        return sb.toString();
    }

    private static String why(String text) {
        String datePart = text.contains("T") ? text.substring(0, text.indexOf('T')) : text;
        if (datePart.contains("Y") || datePart.contains("M")) {
            return "months and years have no fixed length; ";
        }
        if (text.contains(".") || text.contains(",")) {
            return "fractions are not allowed; ";
        }
        if (text.startsWith("-") || text.contains("-")) {
            return "negative durations are not allowed; ";
        }
        return "";
    }

    private static long number(String digits) {
        return digits == null ? 0 : Long.parseLong(digits);
    }
}
