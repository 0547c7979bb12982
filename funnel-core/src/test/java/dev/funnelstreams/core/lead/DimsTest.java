package dev.funnelstreams.core.lead;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link Dims}: unset values are {@code unknown}; equal when every value is (its equals is written out). */
class DimsTest {

    @Test
    void unsetValuesAreUnknown() {
        assertThat(new Dims(null, "", "A", null)).isEqualTo(new Dims("unknown", "unknown", "A", "unknown"));
    }

    @Test
    void equalWhenEveryValueIsEqual() {
        Dims d = new Dims("ads", "wang", "A", "retail");
        assertThat(d).isEqualTo(new Dims(new String("ads"), "wang", "A", "retail")).hasSameHashCodeAs(
                new Dims("ads", new String("wang"), "A", "retail"));
        assertThat(d).isNotEqualTo(new Dims("seo", "wang", "A", "retail"))
                .isNotEqualTo(new Dims("ads", "li", "A", "retail"))
                .isNotEqualTo(new Dims("ads", "wang", "B", "retail"))
                .isNotEqualTo(new Dims("ads", "wang", "A", "energy"))
                .isNotEqualTo(null)
                .isNotEqualTo("ads");
    }
}
