package dev.funnelstreams.core.event;

import java.util.List;

/**
 * What one line of canonical JSON is: a lead event, a channel spend, or a rejection with its reason.
 * Semantic rules that need the config are checked afterwards by {@code EventValidator}. An accepted line
 * lists the fields its type does not define ({@code ignored}, e.g. {@code note} on OwnerChanged or
 * {@code customer.region}): SPEC section 8 ignores them, and the callers count them so a typo is visible.
 */
public sealed interface ParseResult permits ParseResult.Lead, ParseResult.Spend, ParseResult.Rejected {

    /** The ignored fields as {@code Type.field} (e.g. {@code OwnerChanged.note}), as they are counted. */
    default List<String> ignoredFields() {
        if (this instanceof Lead l) {
            String type = l.event().getClass().getSimpleName();
            return l.ignored().stream().map(f -> type + "." + f).toList();
        }
        if (this instanceof Spend s) {
            return s.ignored().stream().map(f -> "ChannelSpend." + f).toList();
        }
        return List.of();
    }

    /**
     * A lead event. {@code currency} is the optional currency field of the line (null when absent,
     * meaning the reporting currency); it is not part of the event because canonical lead events are
     * always in the reporting currency.
     */
    record Lead(LeadEvent event, String currency, List<String> ignored) implements ParseResult {

        public Lead {
            ignored = List.copyOf(ignored);
        }

        /** A lead event without ignored fields. */
        public Lead(LeadEvent event, String currency) {
            this(event, currency, List.of());
        }
    }

    /** A channel spend record. */
    record Spend(ChannelSpend spend, List<String> ignored) implements ParseResult {

        public Spend {
            ignored = List.copyOf(ignored);
        }

        /** A spend without ignored fields. */
        public Spend(ChannelSpend spend) {
            this(spend, List.of());
        }
    }

    /** The line cannot become an event; {@code reason} says why in one line and names the field. */
    record Rejected(String reason) implements ParseResult {
    }
}
