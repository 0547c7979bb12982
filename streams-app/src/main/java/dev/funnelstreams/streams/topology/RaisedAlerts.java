package dev.funnelstreams.streams.topology;

import dev.funnelstreams.core.alert.AlertType;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.StreamsMetrics;

/**
 * Per-task counters of alerts raised (a new RAISED, not a re-send of an open one), as Kafka Streams
 * metrics {@code raised-<type>-total} / {@code raised-<type>-rate} in group
 * {@code stream-funnel-alert-metrics}, tags thread-id and {@code funnel-alert-id} = processor and
 * task (e.g. {@code lead-events-0_1}); e.g. {@code raised-stall-total}. The HTTP layer sums them
 * into {@code funnel_alerts_raised_total{type}}.
 */
final class RaisedAlerts {

    static final String SCOPE = "funnel-alert";
    static final String OPERATION = "raised";

    private final StreamsMetrics metrics;
    private final Map<AlertType, Sensor> sensors = new EnumMap<>(AlertType.class);

    /** Sensors for the types this processor raises, created up front so that /metrics shows them at 0. */
    RaisedAlerts(StreamsMetrics metrics, String taskId, String source, List<AlertType> types) {
        this.metrics = metrics;
        for (AlertType type : types) {
            // the entity name holds the task: a sensor per task, so that closing one task leaves the others
            sensors.put(type, metrics.addRateTotalSensor(SCOPE, source + "-" + taskId, OPERATION + "-" + tag(type),
                    Sensor.RecordingLevel.INFO));
        }
    }

    /** {@code STALL} -> {@code stall}, {@code FOLLOW_UP_OVERDUE} -> {@code follow-up-overdue}. */
    static String tag(AlertType type) {
        return type.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    void record(AlertType type) {
        Sensor s = sensors.get(type);
        if (s == null) {
            throw new IllegalStateException("no raised-alert sensor for " + type);
        }
        s.record();
    }

    void close() {
        sensors.values().forEach(metrics::removeSensor);
    }
}
