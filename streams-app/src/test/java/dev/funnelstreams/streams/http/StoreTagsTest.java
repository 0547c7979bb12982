package dev.funnelstreams.streams.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Collection;
import org.junit.jupiter.api.Test;

/**
 * Kafka Streams names a store's id tag after the store type ({@code rocksdb-state-id}, which
 * Micrometer's binder turns into {@code rocksdb.state.id}); without {@link FunnelMetrics#STORE_TAGS}
 * Prometheus keeps only the first store type's meters of a name and drops the others.
 */
class StoreTagsTest {

    @Test
    void metersOfStoresOfDifferentTypesAllReachTheScrape() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(FunnelMetrics.STORE_TAGS);
        Gauge.builder("kafka.stream.state.put.latency.max", () -> 1.0)
                .tags("in.memory.state.id", "lead-histories", "task.id", "0_1").register(registry);
        Gauge.builder("kafka.stream.state.put.latency.max", () -> 2.0)
                .tags("rocksdb.state.id", "alert-deadlines", "task.id", "0_1").register(registry);

        Collection<Meter> meters = registry.find("kafka.stream.state.put.latency.max").meters();
        assertThat(meters).hasSize(2);
        String scrape = registry.scrape();
        assertThat(scrape)
                .contains("kafka_stream_state_put_latency_max{state_id=\"lead-histories\",store_type=\"in-memory\",task_id=\"0_1\"} 1.0")
                .contains("kafka_stream_state_put_latency_max{state_id=\"alert-deadlines\",store_type=\"rocksdb\",task_id=\"0_1\"} 2.0");
    }

    @Test
    void metersWithoutAStoreTagKeepTheirTags() {
        Meter.Id id = new Meter.Id("kafka.stream.thread.process.total",
                Tags.of("thread.id", "t-1"), null, null, Meter.Type.GAUGE);
        assertThat(FunnelMetrics.STORE_TAGS.map(id)).isSameAs(id);
    }
}
