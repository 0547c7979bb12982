package dev.funnelstreams.core.config;

/** A breakdown of the metrics besides {@code all}; {@link #key()} is the name used in config and output keys. */
public enum Dimension {
    CHANNEL("channel"),
    OWNER("owner"),
    TIER("tier"),
    INDUSTRY("industry");

    /** The dimension name of the metric keys for the total. */
    public static final String ALL = "all";

    private final String key;

    Dimension(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
