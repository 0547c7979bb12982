package dev.funnelstreams.core.alert;

/** Key of funnel.alerts. */
public record AlertKey(String alertId) {
}
