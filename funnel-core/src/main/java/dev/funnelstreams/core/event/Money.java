package dev.funnelstreams.core.event;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Pattern;

/**
 * Money on input (SPEC section 8): a decimal string {@code -?[0-9]+(\.[0-9]{1,2})?} with an absolute
 * value below 10^16, kept at scale 2 so that "100.5" and "100.50" are equal values and equal records.
 */
public final class Money {

    private static final Pattern FORMAT = Pattern.compile("-?[0-9]+(\\.[0-9]{1,2})?");
    private static final BigDecimal LIMIT = BigDecimal.TEN.pow(16);

    private Money() {
    }

    /**
     * Parses a money string.
     *
     * @throws IllegalArgumentException with a message that says what is wrong (without the field name)
     */
    public static BigDecimal parse(String text) {
        BigDecimal fast = parseCommon(text);
        return fast != null ? fast : parseRegex(text);
    }

    /** The reference parser: the SPEC's format as a regular expression, every problem explained. */
    static BigDecimal parseRegex(String text) {
        if (!FORMAT.matcher(text).matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a decimal with at most 2 decimals"
                    + " (e.g. \"200000.00\" or \"-12.5\"; no exponent, sign + or thousands separator)");
        }
        BigDecimal value = new BigDecimal(text);
        if (value.abs().compareTo(LIMIT) >= 0) {
            throw new IllegalArgumentException("\"" + text + "\" is too large (absolute value must be below 10^16)");
        }
        return value.setScale(2);
    }

    /**
     * The value of a string of the money format with at most 16 integer digits, without the regular expression and
     * BigDecimal parsing (batch mode reads millions), or null for anything else: {@link #parse} then checks it
     * the slow way. Same result as the slow way on what it accepts.
     */
    private static BigDecimal parseCommon(String text) {
        int n = text.length();
        int i = n > 0 && text.charAt(0) == '-' ? 1 : 0;
        int start = i;
        long unscaled = 0;
        while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            unscaled = unscaled * 10 + (text.charAt(i++) - '0');
        }
        int intDigits = i - start;
        int fraction = 0;
        if (i < n && text.charAt(i) == '.') {
            i++;
            while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9' && fraction < 3) {
                unscaled = unscaled * 10 + (text.charAt(i++) - '0');
                fraction++;
            }
            if (fraction == 0 || fraction > 2) {
                return null;
            }
        }
        // at most 16 integer digits: below 10^16 and no long overflow at scale 2
        if (i != n || intDigits == 0 || intDigits > 16) {
            return null;
        }
        for (int k = fraction; k < 2; k++) {
            unscaled *= 10;
        }
        return BigDecimal.valueOf(start == 1 ? -unscaled : unscaled, 2);
    }

    /** The value at scale 2 (null stays null); for values that did not come from {@link #parse}. */
    public static BigDecimal normalise(BigDecimal value) {
        return value == null ? null : value.setScale(2, RoundingMode.UNNECESSARY);
    }

    /** The canonical text: plain, scale 2. */
    public static String format(BigDecimal value) {
        return value.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
    }
}
