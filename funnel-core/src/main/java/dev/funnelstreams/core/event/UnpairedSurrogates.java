package dev.funnelstreams.core.event;

/**
 * A JSON line's unpaired UTF-16 surrogates as {@code ?}, as the Avro the streaming app reads carries them.
 *
 * <p>JSON can write a surrogate that has no partner (the escape backslash-u-D800), and a Java string can hold
 * one, but UTF-8 and so Avro cannot: Java's encoder (and every Avro writer this project has) writes {@code ?} in
 * its place. A canonical line read by {@code funnel report} must give what the same line gives after {@code funnel
 * produce} and Avro, or an owner "a", U+D800, "b" would be one dimension value in the batch report and
 * {@code "a?b"} in the topics (and two leadIds differing only there one lead in the app, two in the report).
 * Escaped and raw surrogates are both replaced; a pair, escaped or raw, is kept.
 */
final class UnpairedSurrogates {

    private UnpairedSurrogates() {
    }

    /** {@code line} with each unpaired surrogate (escape or raw character) as {@code ?}; the same instance if none. */
    static String asQuestionMarks(String line) {
        StringBuilder out = null;
        int copied = 0;
        int n = line.length();
        for (int i = 0; i < n; i++) {
            char c = line.charAt(i);
            int width;
            char unit;
            if (c == '\\') {
                if (i + 1 < n && line.charAt(i + 1) != 'u') {
                    i++; // an escape of one character: \\, \", \n ...
                    continue;
                }
                int escaped = escapedUnit(line, i);
                if (escaped < 0) {
                    continue;
                }
                width = 6;
                unit = (char) escaped;
            } else {
                width = 1;
                unit = c;
            }
            if (!Character.isSurrogate(unit)) {
                i += width - 1;
                continue;
            }
            int low = Character.isHighSurrogate(unit) ? lowSurrogateAt(line, i + width) : 0;
            if (low > 0) {
                i += width + low - 1; // a pair
                continue;
            }
            if (out == null) {
                out = new StringBuilder(n);
            }
            out.append(line, copied, i).append('?');
            copied = i + width;
            i += width - 1;
        }
        return out == null ? line : out.append(line, copied, n).toString();
    }

    /** The width (1 raw, 6 escaped) of a low surrogate at {@code at}, or 0. */
    private static int lowSurrogateAt(String line, int at) {
        if (at >= line.length()) {
            return 0;
        }
        if (Character.isLowSurrogate(line.charAt(at))) {
            return 1;
        }
        int escaped = line.charAt(at) == '\\' ? escapedUnit(line, at) : -1;
        return escaped >= 0 && Character.isLowSurrogate((char) escaped) ? 6 : 0;
    }

    /** The code unit of a backslash-u escape (four hex digits) at {@code at}, or -1. */
    private static int escapedUnit(String line, int at) {
        if (at + 6 > line.length() || line.charAt(at + 1) != 'u') {
            return -1;
        }
        int v = 0;
        for (int k = at + 2; k < at + 6; k++) {
            int d = Character.digit(line.charAt(k), 16);
            if (d < 0) {
                return -1;
            }
            v = v << 4 | d;
        }
        return v;
    }
}
