package dev.funnelstreams.streams.alert;

import static dev.funnelstreams.streams.alert.AlertTimersTopologyTest.CAUGHT_UP;
import static dev.funnelstreams.streams.alert.AlertTimersTopologyTest.CONFIG;
import static dev.funnelstreams.streams.alert.AlertTimersTopologyTest.NOW;
import static dev.funnelstreams.streams.alert.AlertTimersTopologyTest.created;
import static dev.funnelstreams.streams.alert.AlertTimersTopologyTest.moved;
import static dev.funnelstreams.streams.alert.AlertTimersTopologyTest.of;
import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelstreams.avro.out.AlertType;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.Test;

/**
 * The alerts-raised counters: sensors {@code raised-<type>-total} in an alert group (what the HTTP
 * layer sums into {@code funnel_alerts_raised_total{type}}), counting each new RAISED once.
 */
class RaisedAlertsMetricTest {

    static final String GROUP = "stream-funnel-alert-metrics";

    private static double raised(AlertFixture f, String type) {
        double total = 0;
        for (Map.Entry<MetricName, ? extends Metric> e : f.driver.metrics().entrySet()) {
            if (e.getKey().group().equals(GROUP) && e.getKey().name().equals("raised-" + type + "-total")) {
                total += ((Number) e.getValue().metricValue()).doubleValue();
            }
        }
        return total;
    }

    @Test
    void countsEachRaisedStallOnceAndNotItsResendOrClear() {
        try (AlertFixture f = new AlertFixture(CONFIG, NOW)) {
            assertThat(f.driver.metrics().keySet()).extracting(MetricName::name)
                    .contains("raised-stall-total", "raised-follow-up-overdue-total", "raised-conversion-drop-total");
            assertThat(raised(f, "stall")).isZero();

            f.pipe(created("L-1", NOW.minus(Duration.ofDays(20)), "200000.00"));
            f.advance(CAUGHT_UP);
            assertThat(of(f.open(), AlertType.STALL)).hasSize(1);
            assertThat(raised(f, "stall")).isEqualTo(1.0);

            // a new owner re-sends the open alert with the same alertId: not a new raise
            f.pipe("{\"eventId\":\"o-1\",\"type\":\"OwnerChanged\",\"leadId\":\"L-1\",\"occurredAt\":\"" + NOW
                    + "\",\"owner\":\"li.na\"}");
            f.advance(Duration.ofMinutes(1));
            assertThat(of(f.emitted(), AlertType.STALL)).hasSizeGreaterThan(1);
            assertThat(raised(f, "stall")).isEqualTo(1.0);

            // the stay ends (CLEARED, not counted), a new one stalls: counted
            f.pipe(moved("L-1", NOW.plus(Duration.ofMinutes(1)), "discovery"));
            assertThat(raised(f, "stall")).isEqualTo(1.0);
            f.advance(Duration.ofDays(31));
            assertThat(of(f.open(), AlertType.STALL)).hasSize(1);
            assertThat(raised(f, "stall")).isEqualTo(2.0);
        }
    }
}
