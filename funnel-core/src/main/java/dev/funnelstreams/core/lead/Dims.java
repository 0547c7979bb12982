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

    // equals and hashCode written out: the record's generated ones go through method handles (ObjectMethods), and the
    // contribution rules compare a fact's dims with the last ones per fact

    @Override
    public boolean equals(Object o) {
        return o instanceof Dims d && channel.equals(d.channel) && owner.equals(d.owner) && tier.equals(d.tier)
                && industry.equals(d.industry);
    }

    @Override
    public int hashCode() {
        return ((channel.hashCode() * 31 + owner.hashCode()) * 31 + tier.hashCode()) * 31 + industry.hashCode();
    }
}
