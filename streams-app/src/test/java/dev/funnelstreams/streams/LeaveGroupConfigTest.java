package dev.funnelstreams.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnelstreams.core.config.ConfigException;
import org.junit.jupiter.api.Test;

class LeaveGroupConfigTest {

    private static AppConfig parse(String streams) {
        return StreamsSection.parse(streams);
    }

    @Test
    void leavesTheGroupOnCloseUnlessTheFileSaysOtherwise() throws Exception {
        assertThat(parse("").leaveGroupOnClose()).isTrue();
        assertThat(parse("  leaveGroupOnClose: false\n").leaveGroupOnClose()).isFalse();
        assertThat(parse("  leaveGroupOnClose: true\n").leaveGroupOnClose()).isTrue();
    }

    @Test
    void aValueThatIsNotABooleanNamesTheKey() {
        assertThatThrownBy(() -> parse("  leaveGroupOnClose: sometimes\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("streams.leaveGroupOnClose: must be true or false (got \"sometimes\")");
    }
}
