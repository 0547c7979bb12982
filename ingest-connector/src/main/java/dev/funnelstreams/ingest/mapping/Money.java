package dev.funnelstreams.ingest.mapping;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Pattern;

/** Normalises export amounts ("4821", "1 054.5", "12,000.00"); anything ambiguous is rejected to the canonical 2-decimal string. */
final class Money {

    /** Thousands separators are dropped only in this unambiguous shape; "12,5" is rejected. */
    private static final Pattern GROUPED = Pattern.compile("-?\\d{1,3}(,\\d{3})+(\\.\\d+)?");

    private Money() {
    }

    static String normalise(String text) {
        String t = text.replace(" ", "").replace("\u00a0", "");
        if (t.indexOf(',') >= 0 && GROUPED.matcher(t).matches()) {
            t = t.replace(",", "");
        }
        BigDecimal d;
        try {
            d = new BigDecimal(t);
        } catch (NumberFormatException e) {
            throw new RowRejected("'" + text + "' is not a decimal amount");
        }
        try {
            d = d.setScale(2, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new RowRejected("'" + text + "' has more than 2 decimals");
        }
        return d.toPlainString();
    }
}
