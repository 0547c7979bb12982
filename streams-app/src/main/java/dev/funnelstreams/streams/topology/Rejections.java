package dev.funnelstreams.streams.topology;

import java.util.EnumMap;
import java.util.Map;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.StreamsMetrics;

/**
 * Per-task counters of rejected records by reason code, as Kafka Streams metrics
 * {@code rejected-<code>-total} / {@code rejected-<code>-rate} in group
 * {@code stream-funnel-dlq-metrics}, tags thread-id and {@code funnel-dlq-id} = input and task
 * (e.g. {@code lead-events-0_1}); e.g. {@code rejected-conflicting-duplicate-total}.
 */
final class Rejections {

    static final String SCOPE = "funnel-dlq";
    static final String OPERATION = "rejected";

    private final StreamsMetrics metrics;
    private final Map<DeadLetter.Code, Sensor> sensors = new EnumMap<>(DeadLetter.Code.class);

    Rejections(StreamsMetrics metrics, String taskId, String source) {
        this.metrics = metrics;
        for (DeadLetter.Code code : DeadLetter.Code.values()) {
            // the entity name holds the task: a sensor per task, so that closing one task leaves the others
            sensors.put(code, metrics.addRateTotalSensor(SCOPE, source + "-" + taskId, OPERATION + "-" + code.tag(),
                    Sensor.RecordingLevel.INFO));
        }
    }

    void record(DeadLetter.Code code) {
        sensors.get(code).record();
    }

    void close() {
        sensors.values().forEach(metrics::removeSensor);
    }
}
