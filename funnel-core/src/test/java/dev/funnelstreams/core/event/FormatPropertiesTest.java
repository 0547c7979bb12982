package dev.funnelstreams.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.BigRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class FormatPropertiesTest {

    @Property
    void anyRfc3339TextParsesToItsInstantTruncatedToMillis(
            @ForAll @LongRange(min = 0, max = 253_402_214_400L) long epochSecond,
            @ForAll @IntRange(min = 0, max = 999_999_999) int nanos,
            @ForAll @IntRange(min = 0, max = 9) int fractionDigits,
            @ForAll @IntRange(min = -18 * 60, max = 18 * 60) int offsetMinutes) {
        ZoneOffset offset = ZoneOffset.ofTotalSeconds(offsetMinutes * 60);
        Instant exact = Instant.ofEpochSecond(epochSecond, nanos);
        LocalDateTime local = LocalDateTime.ofInstant(exact, offset);
        if (local.getYear() > 9999) {
            return;
        }
        String nineDigits = String.format("%09d", nanos);
        String fraction = fractionDigits == 0 ? "" : "." + nineDigits.substring(0, fractionDigits);
        String text = local.format(DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss")) + fraction
                + (offsetMinutes == 0 ? "Z" : offset.getId());

        Instant parsed = Rfc3339.parse(text);

        // the digits written, cut to milliseconds
        String written = (nineDigits.substring(0, fractionDigits) + "000").substring(0, 3);
        assertThat(parsed).isEqualTo(Instant.ofEpochSecond(epochSecond).plusMillis(Integer.parseInt(written)));
        assertThat(Rfc3339.parse(Rfc3339.format(parsed))).isEqualTo(parsed);
    }

    @Property
    void isoWritesWhatInstantToStringWrites(
            @ForAll @LongRange(min = -62_167_219_200L - 86_400, max = 253_402_300_800L + 86_400) long epochSecond,
            @ForAll @IntRange(min = 0, max = 999_999_999) int nanos,
            @ForAll @IntRange(min = 0, max = 3) int precision) {
        // precision: none, millis, micros, nanos, so that each fraction length is met as often as the others
        int unit = new int[] {1_000_000_000, 1_000_000, 1_000, 1}[precision];
        Instant t = Instant.ofEpochSecond(epochSecond, nanos / unit * unit % 1_000_000_000);
        assertThat(Rfc3339.iso(t)).isEqualTo(t.toString());
    }

    @Property(tries = 200)
    void isoWritesWhatInstantToStringWritesAtTheEdgesOfItsRange(
            @ForAll @IntRange(min = -3, max = 3) int offset, @ForAll boolean upper, @ForAll boolean fraction) {
        Instant edge = upper ? Instant.parse("+10000-01-01T00:00:00Z") : Instant.parse("0000-01-01T00:00:00Z");
        Instant t = edge.plusSeconds(offset).plusNanos(fraction ? 5_000_000 : 0);
        assertThat(Rfc3339.iso(t)).isEqualTo(t.toString());
    }

    @Property
    void anyDecimalWithTwoPlacesBelowTenToTheSixteenIsMoneyAtScaleTwo(
            @ForAll @BigRange(min = "-9999999999999999.99", max = "9999999999999999.99") BigDecimal value,
            @ForAll @IntRange(min = 0, max = 2) int scale) {
        BigDecimal v = value.setScale(scale, RoundingMode.DOWN);
        BigDecimal money = Money.parse(v.toPlainString());
        assertThat(money.scale()).isEqualTo(2);
        assertThat(money.compareTo(v)).isZero();
        assertThat(Money.parse(Money.format(money))).isEqualTo(money);
    }
}
