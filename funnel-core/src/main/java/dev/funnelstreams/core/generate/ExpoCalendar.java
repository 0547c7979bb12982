package dev.funnelstreams.core.generate;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** The trade fairs of the synthetic company: three weekdays about every two months, in rotating cities. */
final class ExpoCalendar {

    private static final List<String> CITIES = List.of("sh", "bj", "gz", "sz", "cd", "hz");

    private final List<LocalDate> firstDays = new ArrayList<>();

    ExpoCalendar(LocalDate start, LocalDate endExclusive, SplittableRandom rnd) {
        LocalDate d = start.plusDays(5 + rnd.nextInt(30));
        while (d.isBefore(endExclusive)) {
            while (d.getDayOfWeek() != DayOfWeek.TUESDAY) {
                d = d.plusDays(1);
            }
            firstDays.add(d);
            d = d.plusDays(50 + rnd.nextInt(25));
        }
    }

    boolean isExpoDay(LocalDate date) {
        return first(date) != null;
    }

    boolean isFirstDay(LocalDate date) {
        return firstDays.contains(date);
    }

    /** The expo campaign running on an expo day, e.g. {@code expo-sh-2026}; the last one otherwise. */
    String campaign(LocalDate date) {
        LocalDate first = first(date);
        if (first == null) {
            first = firstDays.stream().filter(f -> !f.isAfter(date)).reduce((a, b) -> b).orElse(null);
        }
        if (first == null) {
            return "";
        }
        int n = firstDays.indexOf(first);
        return "expo-" + CITIES.get(n % CITIES.size()) + "-" + first.getYear();
    }

    private LocalDate first(LocalDate date) {
        for (LocalDate f : firstDays) {
            if (!date.isBefore(f) && date.isBefore(f.plusDays(3))) {
                return f;
            }
        }
        return null;
    }
}
