package dev.funnelstreams.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.funnelstreams.core.config.ConfigException;
import org.junit.jupiter.api.Test;

class ProcessingGuaranteeConfigTest {

    private static AppConfig parse(String streams) {
        return StreamsSection.parse(streams);
    }

    @Test
    void exactlyOnceIsTheDefaultAndAccepted() throws Exception {
        assertThat(parse("").processingGuarantee()).isEqualTo("exactly_once_v2");
        assertThat(parse("  processingGuarantee: exactly_once_v2\n").processingGuarantee()).isEqualTo("exactly_once_v2");
    }

    @Test
    void atLeastOnceIsRefusedSayingWhy() {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> parse("  processingGuarantee: at_least_once\n"));

        assertThat(e.errors()).containsExactly("streams.processingGuarantee: at_least_once is refused: the cell totals"
                + " sum deltas, so a crash between a state write and the offset commit would count an event twice"
                + " (allowed: exactly_once_v2, the default)");
    }

    @Test
    void aMisspeltGuaranteeGetsADidYouMean() {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> parse("  processingGuarantee: exactly_once_V2\n"));

        assertThat(e.errors()).containsExactly("streams.processingGuarantee: \"exactly_once_V2\" (did you mean"
                + " exactly_once_v2? allowed: exactly_once_v2)");
    }
}
