package dev.funnelstreams.streams.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelstreams.core.alert.Alert;
import dev.funnelstreams.core.alert.AlertStatus;
import dev.funnelstreams.core.alert.AlertType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A lead's alert state round-trips, strings past writeUTF's 65,535 bytes included (StoredString). */
class LeadAlertsSerdeTest {

    private static final Instant T = Instant.parse("2026-03-02T01:30:00Z");

    @Test
    void roundTripsTimersAndRaisedAlertsWithStringsOfAnyLength() {
        String longText = "名".repeat(30_000); // 90,000 bytes of UTF-8: writeUTF threw on it
        Alert short_ = new Alert("a-1", AlertType.STALL, AlertStatus.RAISED, "L-1", "lead", "线索获取", "zhang.wei", "A",
                null, T, T.plusSeconds(60), T.plusSeconds(120), "stuck in 线索获取");
        Alert long_ = new Alert("a-2", AlertType.FOLLOW_UP_OVERDUE, AlertStatus.RAISED, "L-1", "lead", longText,
                longText, null, longText, T, T.plusSeconds(60), T.plusSeconds(120), longText);
        LeadAlerts alerts = new LeadAlerts(List.of(new LeadAlerts.Timer(AlertType.STALL, 42L)), List.of(short_, long_));

        assertThat(LeadAlertsSerde.read(LeadAlertsSerde.write(alerts))).isEqualTo(alerts);
    }
}
