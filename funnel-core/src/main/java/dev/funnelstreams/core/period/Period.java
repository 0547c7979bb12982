package dev.funnelstreams.core.period;

import dev.funnelstreams.core.config.PeriodKind;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A calendar period of SPEC section 4: an ISO week ({@code 2026-W09}), a month ({@code 2026-03}),
 * a quarter ({@code 2026-Q1}) or a year ({@code 2026}, SPEC section 9). The value carries no zone; {@link #start(ZoneId)} and
 * {@link #end(ZoneId)} cut it in the funnel zone, the end being local midnight of the next
 * period's first day.
 *
 * @param kind   week, month, quarter or year
 * @param year   the ISO week-based year for weeks, the calendar year otherwise
 * @param number the week (1..53), month (1..12), quarter (1..4), or 1 for a year
 */
public record Period(PeriodKind kind, int year, int number) implements Comparable<Period> {

    private static final Pattern WEEK = Pattern.compile("(\\d{4})-W(\\d{2})");
    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q(\\d)");
    private static final Pattern YEAR = Pattern.compile("\\d{4}");
    private static final Comparator<Period> ORDER = Comparator.comparing(Period::kind)
            .thenComparingInt(Period::year)
            .thenComparingInt(Period::number);

    public Period {
        if (kind == null) {
            throw new IllegalArgumentException("period kind is required");
        }
        int max = switch (kind) {
            case WEEK -> number <= 52 ? 52 : weeksIn(year);
            case MONTH -> 12;
            case QUARTER -> 4;
            case YEAR -> 1;
        };
        if (number < 1 || number > max || year < 0 || year > 9999) {
            throw new IllegalArgumentException("no such " + kind + " period: " + year + "/" + number);
        }
    }

    /** The period of {@code kind} holding the local date. */
    public static Period of(LocalDate date, PeriodKind kind) {
        return switch (kind) {
            case WEEK -> new Period(kind, date.get(IsoFields.WEEK_BASED_YEAR), date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case MONTH -> new Period(kind, date.getYear(), date.getMonthValue());
            case QUARTER -> new Period(kind, date.getYear(), date.get(IsoFields.QUARTER_OF_YEAR));
            case YEAR -> new Period(kind, date.getYear(), 1);
        };
    }

    /** Parses a label such as {@code 2026-W09}, {@code 2026-03}, {@code 2026-Q1} or {@code 2026}. */
    public static Period parse(String label) {
        Matcher m;
        if (YEAR.matcher(label).matches()) {
            return new Period(PeriodKind.YEAR, Integer.parseInt(label), 1);
        }
        if ((m = WEEK.matcher(label)).matches()) {
            return new Period(PeriodKind.WEEK, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        }
        if ((m = QUARTER.matcher(label)).matches()) {
            return new Period(PeriodKind.QUARTER, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        }
        if ((m = MONTH.matcher(label)).matches()) {
            return new Period(PeriodKind.MONTH, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        }
        throw new IllegalArgumentException("not a period label (2026-W09, 2026-03, 2026-Q1, 2026): " + label);
    }

    /** The label of output keys and targets. */
    public String label() {
        StringBuilder b = new StringBuilder(8);
        pad(b, year, 4);
        if (kind == PeriodKind.YEAR) {
            return b.toString();
        }
        b.append('-');
        return switch (kind) {
            case WEEK -> pad(b.append('W'), number, 2).toString();
            case MONTH -> pad(b, number, 2).toString();
            case QUARTER -> b.append('Q').append(number).toString();
            case YEAR -> throw new AssertionError("labelled above");
        };
    }

    private static StringBuilder pad(StringBuilder b, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            b.append('0');
        }
        return b.append(digits);
    }

    private static int weeksIn(int year) {
        return (int) IsoFields.WEEK_OF_WEEK_BASED_YEAR.rangeRefinedBy(LocalDate.of(year, 6, 1)).getMaximum();
    }

    /** The first local date of the period (a Monday for weeks). */
    public LocalDate firstDay() {
        return switch (kind) {
            case WEEK -> LocalDate.of(year, 1, 4)
                    .with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, number)
                    .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> LocalDate.of(year, number, 1);
            case QUARTER -> LocalDate.of(year, 3 * number - 2, 1);
            case YEAR -> LocalDate.of(year, 1, 1);
        };
    }

    public Period next() {
        return of(nextFirstDay(), kind);
    }

    public Period previous() {
        return of(firstDay().minusDays(1), kind);
    }

    /** Local midnight of the first day, in {@code zone}. */
    public Instant start(ZoneId zone) {
        return firstDay().atStartOfDay(zone).toInstant();
    }

    /** Local midnight of the next period's first day, in {@code zone} (exclusive end). */
    public Instant end(ZoneId zone) {
        return nextFirstDay().atStartOfDay(zone).toInstant();
    }

    /** Whether {@code instant} falls in the period cut in {@code zone}. */
    public boolean contains(Instant instant, ZoneId zone) {
        return !instant.isBefore(start(zone)) && instant.isBefore(end(zone));
    }

    private LocalDate nextFirstDay() {
        return switch (kind) {
            case WEEK -> firstDay().plusWeeks(1);
            case MONTH -> firstDay().plusMonths(1);
            case QUARTER -> firstDay().plusMonths(3);
            case YEAR -> firstDay().plusYears(1);
        };
    }

    // equals and hashCode written out: the record's generated ones go through method handles
    // (ObjectMethods); every cell key of the report hashes and compares its period
    @Override
    public boolean equals(Object o) {
        return o instanceof Period p && kind == p.kind && year == p.year && number == p.number;
    }

    @Override
    public int hashCode() {
        return (kind.ordinal() * 10_000 + year) * 64 + number;
    }

    @Override
    public int compareTo(Period other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return label();
    }
}
