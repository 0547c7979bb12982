package dev.funnelstreams.core.lead;

import dev.funnelstreams.core.config.Dimension;

/**
 * The dimension values of a fact: the lead's attributes at the fact's instant, except the channel,
 * which is fixed for the lead. Unset values are {@code unknown}.
 */
public record Dims(String channel, String owner, String tier, String industry) {

    public static final String UNKNOWN = "unknown";

    public Dims {
        channel = orUnknown(channel);
        owner = orUnknown(owner);
        tier = orUnknown(tier);
        industry = orUnknown(industry);
    }

    /** The value of this fact for {@code dimension}. */
    public String value(Dimension dimension) {
        return switch (dimension) {
            case CHANNEL -> channel;
            case OWNER -> owner;
            case TIER -> tier;
            case INDUSTRY -> industry;
        };
    }

    static String orUnknown(String value) {
        return value == null || value.isEmpty() ? UNKNOWN : value;
    }
}
