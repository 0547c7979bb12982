package dev.funnelstreams.core.event;

/**
 * The canonical JSON form of events (SPEC sections 2 and 8): one object per line, the file format
 * of batch mode and of the generator. Parsing normalises (instants to milliseconds, money to scale
 * 2, "" on optional non-attribute fields to null, an unpaired surrogate to {@code ?} as Avro carries it:
 * {@link UnpairedSurrogates}) so that two lines have "the same content" exactly when their parsed events
 * are {@code equals}.
 */
public final class EventJson {

    private EventJson() {
    }

    /**
     * Decodes one line: a lead event, a channel spend, or a rejection naming the field and the rule.
     * Only syntax and format rules are checked here; rules that need the config are
     * {@code EventValidator}'s. Unknown types are rejected; a field the type does not define is ignored
     * (SPEC section 8) and listed in the result's {@code ignored}.
     */
    public static ParseResult parse(String line) {
        return EventJsonReader.parse(line);
    }

    /**
     * {@link #parse(String)} of the line whose UTF-8 bytes are {@code utf8[from, to)}, decoded as {@code new
     * String(utf8, from, to - from, UTF_8)} decodes them (malformed bytes as U+FFFD), but only where a value needs
     * it: the same result, without a String of the whole line.
     */
    public static ParseResult parse(byte[] utf8, int from, int to) {
        return EventJsonReader.parse(utf8, from, to);
    }

    /**
     * Canonical one-line JSON of a lead event: fields in SPEC order, null fields omitted, "" kept on
     * attribute fields (it clears them), instants in UTC with Z and a fraction only when non-zero,
     * money as a string at scale 2. {@code parse(write(e))} gives back {@code e} when its strings have no
     * unpaired surrogate (which UTF-8, and so the Avro events, cannot carry: such a one reads back as {@code ?}).
     */
    public static String write(LeadEvent event) {
        return EventJsonWriter.write(event);
    }

    /** Canonical one-line JSON of a channel spend; an empty campaign is omitted. */
    public static String write(ChannelSpend spend) {
        return EventJsonWriter.write(spend);
    }
}
