package dev.funnelstreams.streams.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelstreams.streams.AppConfig;
import dev.funnelstreams.streams.StreamsSection;
import org.junit.jupiter.api.Test;

class StreamThreadsDefaultTest {

    private static AppConfig parse(String streams) {
        return StreamsSection.parse("  applicationId: app\n" + streams);
    }

    @Test
    void oneThreadPerProcessorAtMostOnePerPartitionAtLeastOne() {
        assertThat(ClientSettings.defaultStreamThreads(2, 6)).isEqualTo(2);
        assertThat(ClientSettings.defaultStreamThreads(16, 6)).isEqualTo(6);
        assertThat(ClientSettings.defaultStreamThreads(1, 6)).isEqualTo(1);
        assertThat(ClientSettings.defaultStreamThreads(4, 1)).isEqualTo(1);
        assertThat(ClientSettings.defaultStreamThreads(0, 6)).isEqualTo(1);
    }

    @Test
    void theAppsPropertiesCarryTheDefaultForThisMachineAndTheConfiguredPartitions() {
        int processors = Runtime.getRuntime().availableProcessors();
        assertThat(ClientSettings.streams(parse("")).get("num.stream.threads"))
                .isEqualTo(Math.min(processors, 6));
        assertThat(ClientSettings.streams(parse("  partitions: 1\n")).get("num.stream.threads")).isEqualTo(1);
    }

    @Test
    void aThreadCountUnderKafkaWins() {
        assertThat(ClientSettings.streams(parse("  kafka: {num.stream.threads: 3}\n")).get("num.stream.threads"))
                .isEqualTo("3");
    }
}
