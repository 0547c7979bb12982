package dev.funnelstreams.alertsink;

/** The plugin version reported to the worker. */
public final class Version {

    public static final String VALUE = "0.1.0";

    private Version() {
    }
}
