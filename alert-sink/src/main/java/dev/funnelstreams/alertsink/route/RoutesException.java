package dev.funnelstreams.alertsink.route;

/** A routes file that cannot be used; the message names the file's key path (e.g. {@code owners.alice.channel}). */
public final class RoutesException extends RuntimeException {

    public RoutesException(String message) {
        super(message);
    }

    public RoutesException(String message, Throwable cause) {
        super(message, cause);
    }
}
