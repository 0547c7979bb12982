package dev.funnelstreams.streams.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelstreams.streams.AppConfig;
import dev.funnelstreams.streams.StreamsSection;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

/** {@code funnel produce}'s producer keeps a partition's batches in order through a leader change (KAFKA-14359). */
class ProducerSettingsTest {

    @Test
    void isIdempotentWithOneRequestInFlightAlsoWhenTheKafkaSectionAsksForMore() {
        AppConfig config = StreamsSection.parse("  applicationId: app\n"
                + "  kafka: {max.in.flight.requests.per.connection: 5}\n");

        assertThat(config.kafka()).containsKey(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION);

        Map<String, Object> props = ClientSettings.producer(config);

        assertThat(props).containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    }
}
