package dev.funnelstreams.streams.http;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The Prometheus registry of {@code /metrics}: every Kafka Streams client metric through
 * Micrometer's {@link KafkaStreamsMetrics} binder ({@code kafka_stream_*}, {@code kafka_consumer_*},
 * ...; punctuation time is {@code kafka_stream_thread_punctuate_latency_avg/max} and
 * {@code _punctuate_ratio}), plus funnel totals summed over threads and tasks:
 * {@code funnel_records_processed_total}, {@code funnel_dlq_rejections_total{reason}} (from the
 * topology's sensors in group {@code stream-funnel-dlq-metrics}) and
 * {@code funnel_alerts_raised_total{type}} (from any sensor of an alert group named
 * {@code raised-<type>-total}, once the alert timers record one), and {@code funnel_streams_running}
 * (1 while Kafka Streams is RUNNING).
 *
 * <p>State store metrics carry their store's id under a tag key that names the store type
 * ({@code rocksdb-state-id}, {@code in-memory-state-id}, ...), but Prometheus needs one set of tag
 * keys per metric name: Micrometer would refuse (and drop, with one warning) the second store type's
 * meters of every name. {@link #STORE_TAGS} rewrites such a tag to {@code state_id} plus
 * {@code store_type} (the part before {@code -state-id}), so every store appears.
 */
final class FunnelMetrics implements AutoCloseable {

    static final String DLQ_GROUP = "stream-funnel-dlq-metrics";
    static final String INPUT_GROUP = "stream-funnel-input-metrics";
    static final String INPUT_TAG = "funnel-input-id";
    private static final Pattern DLQ_TOTAL = Pattern.compile("rejected-(.+)-total");
    private static final Pattern ALERT_TOTAL = Pattern.compile("raised-(.+)-total");

    private final KafkaStreams streams;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "funnel-metrics-binder");
        t.setDaemon(true);
        return t;
    });
    private final KafkaStreamsMetrics binder;
    private final Set<String> bound = ConcurrentHashMap.newKeySet();

    /**
     * {@code <type>.state.id=<store>} (Kafka's {@code <type>-state-id}, dotted by the binder) ->
     * {@code state.id=<store>, store.type=<type>}, e.g. {@code store.type=in-memory}.
     */
    static final MeterFilter STORE_TAGS = new MeterFilter() {
        @Override
        public Meter.Id map(Meter.Id id) {
            List<Tag> tags = new ArrayList<>();
            boolean renamed = false;
            for (Tag t : id.getTagsAsIterable()) {
                Matcher m = STORE_ID_TAG.matcher(t.getKey());
                if (m.matches()) {
                    tags.add(Tag.of("state.id", t.getValue()));
                    tags.add(Tag.of("store.type", m.group(1).replace('.', '-')));
                    renamed = true;
                } else {
                    tags.add(t);
                }
            }
            return renamed ? id.replaceTags(tags) : id;
        }
    };
    private static final Pattern STORE_ID_TAG = Pattern.compile("(.+)[.-]state[.-]id");

    FunnelMetrics(KafkaStreams streams) {
        this(streams, AppStatus.NONE);
    }

    FunnelMetrics(KafkaStreams streams, AppStatus status) {
        this.streams = streams;
        registry.config().meterFilter(STORE_TAGS);
        // Sensors are created per task as tasks are assigned: look for new ones every 10 s rather than every minute.
        this.binder = new KafkaStreamsMetrics(streams, Tags.empty(), scheduler, Duration.ofSeconds(10));
        binder.bindTo(registry);
        FunctionCounter.builder("funnel.records.processed", streams,
                        s -> sum(s, "stream-thread-metrics", Pattern.compile("process-total"), null))
                .description("records processed by this instance's stream threads (sum of process-total)")
                .register(registry);
        FunctionCounter.builder("funnel.dlq.rejections", status, st -> st.processingErrors().getAsLong())
                .description("input records sent to the DLQ, by reason (tasks on this instance)")
                .tag("reason", "processing-error")
                .register(registry);
        FunctionCounter.builder("funnel.registry.outages", status, st -> st.registryOutages().getAsLong())
                .description("schema registry outages this instance waited out (or is waiting out)")
                .register(registry);
        Gauge.builder("funnel.registry.waiting", status, st -> st.waitingFor().get().isPresent() ? 1 : 0)
                .description("1 while processing waits for the schema registry, else 0")
                .register(registry);
        // Kafka Streams' own state metric is text, which Prometheus cannot hold: a number for "app not RUNNING" alerts
        Gauge.builder("funnel.streams.running", streams, s -> s.state() == KafkaStreams.State.RUNNING ? 1 : 0)
                .description("1 while Kafka Streams is RUNNING, else 0 (REBALANCING, ERROR, PENDING_SHUTDOWN, ...)")
                .register(registry);
    }

    /** The Prometheus text exposition (format 0.0.4). */
    String scrape() {
        bindNewTotals();
        return registry.scrape();
    }

    /** The funnel totals whose tag values (reason codes, alert types) are known only from the sensors present. */
    private void bindNewTotals() {
        for (MetricName name : streams.metrics().keySet()) {
            Matcher dlq = DLQ_TOTAL.matcher(name.name());
            if (name.group().equals(DLQ_GROUP) && dlq.matches() && bound.add("dlq/" + dlq.group(1))) {
                String reason = dlq.group(1);
                FunctionCounter.builder("funnel.dlq.rejections", streams,
                                s -> sum(s, DLQ_GROUP, Pattern.compile("rejected-" + Pattern.quote(reason) + "-total"), null))
                        .description("input records sent to the DLQ, by reason (tasks on this instance)")
                        .tag("reason", reason)
                        .register(registry);
            }
            if (name.group().equals(INPUT_GROUP) && name.name().equals("ignored-field-total")
                    && bound.add("ignored/" + name.tags().get(INPUT_TAG))) {
                String entity = name.tags().get(INPUT_TAG);
                FunctionCounter.builder("funnel.input.ignored.fields", streams, s -> metricValue(s, name))
                        .description("fields an event's type does not define, ignored (SPEC 8), by Type.field and task")
                        .tag("field", entity.substring(entity.lastIndexOf('-', entity.indexOf('.')) + 1))
                        .tag("task", entity.substring(0, entity.lastIndexOf('-', entity.indexOf('.'))))
                        .register(registry);
            }
            Matcher alert = ALERT_TOTAL.matcher(name.name());
            if (name.group().contains("alert") && alert.matches() && bound.add("alert/" + alert.group(1))) {
                String type = alert.group(1);
                FunctionCounter.builder("funnel.alerts.raised", streams,
                                s -> sum(s, null, Pattern.compile("raised-" + Pattern.quote(type) + "-total"), "alert"))
                        .description("alerts raised, by type (tasks on this instance)")
                        .tag("type", type)
                        .register(registry);
            }
        }
    }

    private static double metricValue(KafkaStreams streams, MetricName name) {
        Metric m = streams.metrics().get(name);
        return m != null && m.metricValue() instanceof Number v ? v.doubleValue() : 0;
    }

    /** Sum of the metrics of {@code group} (or of a group containing {@code groupPart}) whose name matches. */
    private static double sum(KafkaStreams streams, String group, Pattern name, String groupPart) {
        double total = 0;
        for (Map.Entry<MetricName, ? extends Metric> e : streams.metrics().entrySet()) {
            MetricName n = e.getKey();
            boolean inGroup = group != null ? n.group().equals(group) : n.group().contains(groupPart);
            if (inGroup && name.matcher(n.name()).matches() && e.getValue().metricValue() instanceof Number v) {
                total += v.doubleValue();
            }
        }
        return total;
    }

    @Override
    public void close() {
        binder.close();
        scheduler.shutdownNow();
        registry.close();
    }
}
