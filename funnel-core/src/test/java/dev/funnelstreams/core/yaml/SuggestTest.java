package dev.funnelstreams.core.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestTest {

    static final List<String> KEYS = List.of("timezone", "stallAfter", "minSample", "streams", "funnel");

    @Test
    void suggestsTheKnownNameForACaseSlipOrATypo() {
        assertThat(Suggest.closest("timeZone", KEYS)).contains("timezone");
        assertThat(Suggest.closest("stalAfter", KEYS)).contains("stallAfter");
        assertThat(Suggest.closest("minSamples", KEYS)).contains("minSample");
        assertThat(Suggest.closest("stream", KEYS)).contains("streams");
    }

    @Test
    void suggestsNothingForANameThatIsNotClose() {
        assertThat(Suggest.closest("colour", KEYS)).isEmpty();
        assertThat(Suggest.closest("x", KEYS)).isEmpty();
        assertThat(Suggest.hint("followUp", List.of("minValue", "followUpEvery"))).isEmpty();
    }

    @Test
    void distanceCountsInsertionsDeletionsAndSubstitutions() {
        assertThat(Suggest.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(Suggest.distance("", "abc")).isEqualTo(3);
        assertThat(Suggest.distance("same", "same")).isZero();
    }
}
