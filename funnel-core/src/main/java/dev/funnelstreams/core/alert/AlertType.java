package dev.funnelstreams.core.alert;

/** The alert kinds of SPEC section 5. */
public enum AlertType {
    STALL,
    FOLLOW_UP_OVERDUE,
    CONVERSION_DROP
}
