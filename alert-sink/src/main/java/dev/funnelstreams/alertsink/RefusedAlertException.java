package dev.funnelstreams.alertsink;

/** Why a record went to the dead letter queue: a destination refused it for good, or it was not an alert. */
public final class RefusedAlertException extends Exception {

    public RefusedAlertException(String reason) {
        super(reason);
    }
}
