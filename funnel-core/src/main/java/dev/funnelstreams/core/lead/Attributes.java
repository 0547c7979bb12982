package dev.funnelstreams.core.lead;

import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.event.LeadCreated;
import dev.funnelstreams.core.event.LeadEvent;
import dev.funnelstreams.core.event.LeadUpdated;
import dev.funnelstreams.core.event.OwnerChanged;
import java.math.BigDecimal;

/**
 * The changeable attributes of a lead at one point of its replay. A null field on an event leaves
 * the attribute as it was, "" (or {@code estimatedValueCleared}) clears it (SPEC section 8).
 *
 * @param owner          the owner, null when unset
 * @param industry       the customer's industry, null when unset
 * @param explicitTier   the tier set on an event, null when none
 * @param estimatedValue the estimated value, null when unset
 */
public record Attributes(String owner, String industry, String explicitTier, BigDecimal estimatedValue) {

    public static final Attributes NONE = new Attributes(null, null, null, null);

    /** The attributes after {@code event}; events without attributes leave them as they are. */
    public Attributes apply(LeadEvent event) {
        if (event instanceof LeadCreated c) {
            String newIndustry = c.customer() == null ? industry : merge(industry, c.customer().industry());
            return new Attributes(merge(owner, c.owner()), newIndustry, merge(explicitTier, c.tier()),
                    mergeValue(c.estimatedValue(), c.estimatedValueCleared()));
        }
        if (event instanceof OwnerChanged o) {
            return new Attributes(merge(owner, o.owner()), industry, explicitTier, estimatedValue);
        }
        if (event instanceof LeadUpdated u) {
            return new Attributes(owner, merge(industry, u.industry()), merge(explicitTier, u.tier()),
                    mergeValue(u.estimatedValue(), u.estimatedValueCleared()));
        }
        return this;
    }

    /** The tier rule of SPEC section 3: explicit tier, else by estimated value, else the lowest. */
    public String tier(FunnelConfig config) {
        return explicitTier != null ? explicitTier : config.tierFor(estimatedValue).name();
    }

    private BigDecimal mergeValue(BigDecimal value, boolean cleared) {
        if (cleared) {
            return null;
        }
        return value == null ? estimatedValue : value;
    }

    private static String merge(String current, String update) {
        if (update == null) {
            return current;
        }
        return update.isEmpty() ? null : update;
    }
}
