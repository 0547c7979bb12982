package dev.funnelstreams.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({
        "P14D, 1209600",
        "P1D, 86400",
        "PT1H, 3600",
        "PT90M, 5400",
        "PT45S, 45",
        "P1W, 604800",
        "P2W3D, 1468800",
        "P1DT12H30M15S, 131415",
        "PT0S, 0",
        "P0D, 0"
    })
    void parsesExactDurations(String text, long seconds) {
        assertThat(Durations.parse("k", text)).isEqualTo(Duration.ofSeconds(seconds));
    }

    @ParameterizedTest
    @ValueSource(strings = {"P1M", "P1Y", "P1Y2D", "P1MT1H"})
    void rejectsMonthsAndYears(String text) {
        assertThatThrownBy(() -> Durations.parse("funnel.x", text))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("funnel.x: \"" + text + "\" is not an exact duration (months and years have no fixed length;");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT0.5S", "PT1,5S", "P1.5D"})
    void rejectsFractions(String text) {
        assertThatThrownBy(() -> Durations.parse("funnel.x", text))
                .hasMessageStartingWith("funnel.x: \"" + text + "\" is not an exact duration (fractions are not allowed;");
    }

    @ParameterizedTest
    @ValueSource(strings = {"P", "PT", "P1DT", "p1d", "1D", "P-1D", "-P1D", "PT1H2D", "P1H", "PT1D", "P 1D", "P1W1W"})
    void rejectsOtherMalformedText(String text) {
        assertThatThrownBy(() -> Durations.parse("funnel.x", text))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("funnel.x: \"" + text + "\" is not an exact duration (");
    }

    @ParameterizedTest
    @ValueSource(strings = {"P99999999999999999999D", "P9999999999999999D"})
    void rejectsOverflow(String text) {
        assertThatThrownBy(() -> Durations.parse("funnel.x", text)).hasMessage("funnel.x: \"" + text + "\" is too long a duration");
    }

    @Property
    void parsesTheSumOfItsParts(@ForAll @IntRange(max = 60) int w, @ForAll @IntRange(max = 400) int d,
            @ForAll @IntRange(max = 48) int h, @ForAll @IntRange(max = 200) int m, @ForAll @IntRange(max = 5000) int s) {
        String text = "P" + w + "W" + d + "DT" + h + "H" + m + "M" + s + "S";
        Duration expected = Duration.ofDays(7L * w + d).plusHours(h).plusMinutes(m).plusSeconds(s);
        assertThat(Durations.parse("k", text)).isEqualTo(expected);
    }

    @Property
    void formatThenParseIsIdentity(@ForAll @IntRange(max = 100_000_000) int seconds) {
        Duration d = Duration.ofSeconds(seconds);
        assertThat(Durations.parse("k", Durations.format(d))).isEqualTo(d);
    }
}
