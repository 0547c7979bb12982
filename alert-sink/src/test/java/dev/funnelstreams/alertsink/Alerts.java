package dev.funnelstreams.alertsink;

import dev.funnelstreams.avro.out.Alert;
import dev.funnelstreams.avro.out.AlertStatus;
import dev.funnelstreams.avro.out.AlertType;
import java.time.Instant;

/** Alert records as the streams app writes them. */
public final class Alerts {

    private Alerts() {
    }

    public static Alert stall(String alertId, String leadId, String owner, String tier) {
        return Alert.newBuilder().setAlertId(alertId).setType(AlertType.STALL).setStatus(AlertStatus.RAISED)
                .setLeadId(leadId).setStage("proposal").setStageName("方案呈现").setOwner(owner).setTier(tier)
                .setChannel("web").setSince(Instant.parse("2026-03-02T09:00:00Z"))
                .setDeadline(Instant.parse("2026-03-09T09:00:00Z")).setRaisedAt(Instant.parse("2026-03-09T09:00:05Z"))
                .setMessage("Lead " + leadId + " has been in proposal for 7 days (owner " + owner + ")").build();
    }

    public static Alert zhStall(String alertId, String leadId, String owner) {
        Alert a = stall(alertId, leadId, owner, "B");
        a.setMessage("线索 " + leadId + " 已在方案呈现阶段停留 7 天");
        return a;
    }

    public static Alert cleared(Alert raised) {
        Alert a = Alert.newBuilder(raised).build();
        a.setStatus(AlertStatus.CLEARED);
        return a;
    }

    public static Alert conversionDrop(String alertId) {
        return Alert.newBuilder().setAlertId(alertId).setType(AlertType.CONVERSION_DROP).setStatus(AlertStatus.RAISED)
                .setLeadId(null).setStage("discovery").setStageName("需求挖掘").setOwner(null).setTier(null)
                .setChannel(null).setSince(Instant.parse("2026-03-02T00:00:00Z"))
                .setDeadline(Instant.parse("2026-03-10T00:00:00Z")).setRaisedAt(Instant.parse("2026-03-10T00:00:01Z"))
                .setMessage("discovery -> proposal conversion fell from 40% to 25% in week 2026-W10").build();
    }
}
