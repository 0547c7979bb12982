package dev.funnelstreams.core.event;

/**
 * What one line of canonical JSON is: a lead event, a channel spend, or a rejection with its reason.
 * Semantic rules that need the config are checked afterwards by {@code EventValidator}.
 */
public sealed interface ParseResult permits ParseResult.Lead, ParseResult.Spend, ParseResult.Rejected {

    /**
     * A lead event. {@code currency} is the optional currency field of the line (null when absent,
     * meaning the reporting currency); it is not part of the event because canonical lead events are
     * always in the reporting currency.
     */
    record Lead(LeadEvent event, String currency) implements ParseResult {
    }

    /** A channel spend record. */
    record Spend(ChannelSpend spend) implements ParseResult {
    }

    /** The line cannot become an event; {@code reason} says why in one line and names the field. */
    record Rejected(String reason) implements ParseResult {
    }
}
