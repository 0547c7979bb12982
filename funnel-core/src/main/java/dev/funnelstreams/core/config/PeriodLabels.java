package dev.funnelstreams.core.config;

import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks the period labels used as target keys: {@code 2026-W09}, {@code 2026-03}, {@code 2026-Q1}, {@code 2026}. */
final class PeriodLabels {

    private static final Pattern WEEK = Pattern.compile("(\\d{4})-W(\\d{2})");
    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");
    private static final Pattern YEAR = Pattern.compile("\\d{4}");

    private PeriodLabels() {
    }

    static boolean isValid(String label) {
        Matcher m = WEEK.matcher(label);
        if (m.matches()) {
            int year = Integer.parseInt(m.group(1));
            int week = Integer.parseInt(m.group(2));
            // an ISO week-based year has 52 or 53 weeks; June 1 is always inside it
            long weeks = LocalDate.of(year, 6, 1).range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum();
            return week >= 1 && week <= weeks;
        }
        m = MONTH.matcher(label);
        if (m.matches()) {
            int month = Integer.parseInt(m.group(2));
            return month >= 1 && month <= 12;
        }
        return QUARTER.matcher(label).matches() || YEAR.matcher(label).matches();
    }
}
