package dev.funnelstreams.core.event;

import java.util.Optional;

/** The eventId rule of SPEC section 8: 1 to 128 characters from {@code !} (U+0021) to {@code ~} (U+007E). */
public final class EventIds {

    public static final int MAX_LENGTH = 128;

    private EventIds() {
    }

    /** Why {@code eventId} is not a valid event id, or empty when it is. */
    public static Optional<String> problem(String eventId) {
        if (eventId == null) {
            return Optional.of("eventId: missing");
        }
        if (eventId.isEmpty()) {
            return Optional.of("eventId: empty (1.." + MAX_LENGTH + " characters from ! to ~)");
        }
        if (eventId.length() > MAX_LENGTH) {
            return Optional.of("eventId: " + eventId.length() + " characters (allowed: 1.." + MAX_LENGTH + ")");
        }
        for (int i = 0; i < eventId.length(); i++) {
            char c = eventId.charAt(i);
            if (c < '!' || c > '~') {
                return Optional.of("eventId: \"" + printable(eventId) + "\" has a character outside ! to ~ at position "
                        + (i + 1) + " (U+" + String.format("%04X", (int) c) + "; printable ASCII without space only)");
            }
        }
        return Optional.empty();
    }

    private static String printable(String text) {
        StringBuilder sb = new StringBuilder();
        text.codePoints().forEach(cp -> {
            if (cp < 0x20 || cp == 0x7F) {
                sb.append(String.format("\\u%04X", cp));
            } else {
                sb.appendCodePoint(cp);
            }
        });
        return sb.toString();
    }
}
