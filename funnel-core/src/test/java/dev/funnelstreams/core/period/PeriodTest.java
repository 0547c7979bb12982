package dev.funnelstreams.core.period;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnelstreams.core.config.PeriodKind;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class PeriodTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Test
    void labelsWeeksMonthsAndQuarters() {
        Instant t = Instant.parse("2026-03-02T01:30:00Z");
        assertThat(Periods.of(t, PeriodKind.WEEK, SHANGHAI).label()).isEqualTo("2026-W10");
        assertThat(Periods.of(t, PeriodKind.MONTH, SHANGHAI).label()).isEqualTo("2026-03");
        assertThat(Periods.of(t, PeriodKind.QUARTER, SHANGHAI).label()).isEqualTo("2026-Q1");
    }

    @Test
    void cutsAtLocalMidnightOfTheFunnelZone() {
        // 2026-03-31T16:00Z is 2026-04-01 00:00 in Shanghai: April, Q2; one ms earlier is March, Q1.
        Instant midnight = Instant.parse("2026-03-31T16:00:00Z");
        assertThat(Periods.of(midnight, PeriodKind.MONTH, SHANGHAI).label()).isEqualTo("2026-04");
        assertThat(Periods.of(midnight, PeriodKind.QUARTER, SHANGHAI).label()).isEqualTo("2026-Q2");
        Instant before = midnight.minusMillis(1);
        assertThat(Periods.of(before, PeriodKind.MONTH, SHANGHAI).label()).isEqualTo("2026-03");
        assertThat(Periods.of(before, PeriodKind.QUARTER, SHANGHAI).label()).isEqualTo("2026-Q1");
        assertThat(Periods.of(before, PeriodKind.MONTH, ZoneId.of("UTC")).label()).isEqualTo("2026-03");
        assertThat(Period.parse("2026-04").start(SHANGHAI)).isEqualTo(midnight);
        assertThat(Period.parse("2026-03").end(SHANGHAI)).isEqualTo(midnight);
    }

    @Test
    void handlesIsoWeek53AndTheYearBoundary() {
        // 2026 has 53 ISO weeks: 2026-W53 runs Mon 2026-12-28 .. Sun 2027-01-03.
        Period w53 = Period.of(LocalDate.of(2027, 1, 1), PeriodKind.WEEK);
        assertThat(w53.label()).isEqualTo("2026-W53");
        assertThat(w53.firstDay()).isEqualTo(LocalDate.of(2026, 12, 28));
        assertThat(w53.next().label()).isEqualTo("2027-W01");
        assertThat(w53.next().firstDay()).isEqualTo(LocalDate.of(2027, 1, 4));
        assertThat(w53.previous().label()).isEqualTo("2026-W52");
        assertThat(Period.parse("2027-W01").previous()).isEqualTo(w53);
        assertThat(Period.of(LocalDate.of(2027, 1, 1), PeriodKind.MONTH).label()).isEqualTo("2027-01");
        assertThat(Period.of(LocalDate.of(2027, 1, 1), PeriodKind.QUARTER).label()).isEqualTo("2027-Q1");
        // 2026-01-01 (a Thursday) is in 2026-W01; 2025 has 52 weeks.
        assertThat(Period.of(LocalDate.of(2026, 1, 1), PeriodKind.WEEK).label()).isEqualTo("2026-W01");
        assertThat(Period.parse("2026-W01").previous().label()).isEqualTo("2025-W52");
        assertThatThrownBy(() -> Period.parse("2025-W53")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void week53EndsAtLocalMidnightInShanghai() {
        Period w53 = Period.parse("2026-W53");
        assertThat(w53.start(SHANGHAI)).isEqualTo(Instant.parse("2026-12-27T16:00:00Z"));
        assertThat(w53.end(SHANGHAI)).isEqualTo(Instant.parse("2027-01-03T16:00:00Z"));
        assertThat(w53.contains(Instant.parse("2027-01-03T15:59:59.999Z"), SHANGHAI)).isTrue();
        assertThat(w53.contains(Instant.parse("2027-01-03T16:00:00Z"), SHANGHAI)).isFalse();
    }

    @Test
    void parsesAndStepsEveryKind() {
        assertThat(Period.parse("2026-Q4").next().label()).isEqualTo("2027-Q1");
        assertThat(Period.parse("2026-Q1").previous().label()).isEqualTo("2025-Q4");
        assertThat(Period.parse("2026-12").next().label()).isEqualTo("2027-01");
        assertThat(Period.parse("2026-W09").firstDay()).isEqualTo(LocalDate.of(2026, 2, 23));
        assertThat(Period.parse("2026-Q3").kind()).isEqualTo(PeriodKind.QUARTER);
        assertThat(Period.parse("2026-Q3").firstDay()).isEqualTo(LocalDate.of(2026, 7, 1));
        assertThatThrownBy(() -> Period.parse("2026-13")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Period.parse("2026-Q5")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Period.parse("Q1-2026")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aYearIsLabelledByItsNumberAndCutAtNewYearsMidnightInTheFunnelZone() {
        // 2026-12-31T16:00Z is 2027-01-01 00:00 in Shanghai; one ms earlier is still 2026
        Instant newYear = Instant.parse("2026-12-31T16:00:00Z");
        assertThat(Periods.of(newYear, PeriodKind.YEAR, SHANGHAI).label()).isEqualTo("2027");
        assertThat(Periods.of(newYear.minusMillis(1), PeriodKind.YEAR, SHANGHAI).label()).isEqualTo("2026");
        assertThat(Periods.of(newYear, PeriodKind.YEAR, ZoneId.of("UTC")).label()).isEqualTo("2026");
        Period y = Period.parse("2026");
        assertThat(y.kind()).isEqualTo(PeriodKind.YEAR);
        assertThat(y.firstDay()).isEqualTo(LocalDate.of(2026, 1, 1));
        assertThat(y.start(SHANGHAI)).isEqualTo(Instant.parse("2025-12-31T16:00:00Z"));
        assertThat(y.end(SHANGHAI)).isEqualTo(newYear);
        assertThat(y.next().label()).isEqualTo("2027");
        assertThat(y.previous().label()).isEqualTo("2025");
        // ISO week 2026-W53 ends in 2027, but a year is the calendar year
        assertThat(Period.of(LocalDate.of(2027, 1, 1), PeriodKind.YEAR).label()).isEqualTo("2027");
        assertThatThrownBy(() -> Period.parse("26")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Period(PeriodKind.YEAR, 2026, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ordersByKindThenTime() {
        assertThat(Period.parse("2026-W53").compareTo(Period.parse("2027-W01"))).isNegative();
        assertThat(Period.parse("2026-12").compareTo(Period.parse("2026-02"))).isPositive();
    }
}
