package dev.funnelstreams.core.alert;

/** RAISED when the condition became true, CLEARED when it ended (streaming only). */
public enum AlertStatus {
    RAISED,
    CLEARED
}
