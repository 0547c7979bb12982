package dev.funnelstreams.streams.alert;

import dev.funnelstreams.core.alert.Alert;

/** The core's alerts as the Avro key and value of funnel.alerts. */
public final class AlertRecords {

    private AlertRecords() {
    }

    public static dev.funnelstreams.avro.out.AlertKey key(String alertId) {
        return new dev.funnelstreams.avro.out.AlertKey(alertId);
    }

    public static dev.funnelstreams.avro.out.Alert value(Alert a) {
        return new dev.funnelstreams.avro.out.Alert(a.alertId(),
                dev.funnelstreams.avro.out.AlertType.valueOf(a.type().name()),
                dev.funnelstreams.avro.out.AlertStatus.valueOf(a.status().name()), a.leadId(), a.stage(),
                a.stageName(), a.owner(), a.tier(), a.channel(), a.since(), a.deadline(), a.raisedAt(), a.message());
    }
}
