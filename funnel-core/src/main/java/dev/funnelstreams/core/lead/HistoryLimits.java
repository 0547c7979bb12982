package dev.funnelstreams.core.lead;

import dev.funnelstreams.core.event.ActivityLogged;
import dev.funnelstreams.core.event.Customer;
import dev.funnelstreams.core.event.LeadCreated;
import dev.funnelstreams.core.event.LeadEvent;
import dev.funnelstreams.core.event.LeadLost;
import dev.funnelstreams.core.event.LeadUpdated;
import dev.funnelstreams.core.event.OwnerChanged;
import dev.funnelstreams.core.event.StageChanged;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Bounds on what one lead's history keeps, where the SPEC has none: a history is one state-store record
 * (and one changelog record, which a broker refuses past its size limit), so it must stay small whatever
 * the input. Free text goes first: a note, a loss detail or an activity longer than {@link #MAX_FREE_TEXT}
 * characters is kept as its SHA-256 digest (no metric reads them, and equal texts keep equal digests, so
 * the duplicate test still tells a copy from a conflict). Past {@link #MAX_EVENTS} events or an estimated
 * {@link #MAX_BYTES} bytes, a new event is rejected with its own reason; batch and streaming apply the
 * same rule to the same arrivals.
 */
public final class HistoryLimits {

    /** Longer notes, loss details and activities are stored as their digest. */
    public static final int MAX_FREE_TEXT = 1_024;
    /** At most this many accepted events per lead. */
    public static final int MAX_EVENTS = 2_000;
    /** At most this many estimated bytes per lead (3 per character, the UTF-8 worst case of Chinese text). */
    public static final long MAX_BYTES = 512 * 1024;
    /** Estimated fixed bytes of one stored event: field names, instants, type. */
    static final int EVENT_OVERHEAD = 128;

    private HistoryLimits() {
    }

    /** The form an event is stored and compared in: no contact, long free text as its digest. */
    public static LeadEvent stored(LeadEvent event) {
        if (event instanceof LeadCreated c && c.contact() != null) {
            return new LeadCreated(c.eventId(), c.leadId(), c.occurredAt(), c.channel(), c.campaign(), c.owner(),
                    c.stage(), c.customer(), null, c.estimatedValue(), c.estimatedValueCleared(), c.tier());
        }
        if (event instanceof StageChanged s && tooLong(s.note())) {
            return new StageChanged(s.eventId(), s.leadId(), s.occurredAt(), s.toStage(), s.fromStage(),
                    digest(s.note()), s.amount());
        }
        if (event instanceof ActivityLogged a && (tooLong(a.activity()) || tooLong(a.note()))) {
            return new ActivityLogged(a.eventId(), a.leadId(), a.occurredAt(), shorten(a.activity()), shorten(a.note()));
        }
        if (event instanceof LeadLost l && tooLong(l.detail())) {
            return new LeadLost(l.eventId(), l.leadId(), l.occurredAt(), l.reason(), digest(l.detail()));
        }
        return event;
    }

    /** The estimated stored size of an event in bytes. */
    public static long bytes(LeadEvent e) {
        long chars = len(e.eventId()) + len(e.leadId());
        if (e instanceof LeadCreated c) {
            chars += len(c.channel()) + len(c.campaign()) + len(c.owner()) + len(c.stage()) + len(c.tier())
                    + customer(c.customer());
        } else if (e instanceof StageChanged s) {
            chars += len(s.toStage()) + len(s.fromStage()) + len(s.note());
        } else if (e instanceof ActivityLogged a) {
            chars += len(a.activity()) + len(a.note());
        } else if (e instanceof OwnerChanged o) {
            chars += len(o.owner());
        } else if (e instanceof LeadUpdated u) {
            chars += len(u.tier()) + len(u.industry());
        } else if (e instanceof LeadLost l) {
            chars += len(l.reason()) + len(l.detail());
        }
        return EVENT_OVERHEAD + 3 * chars;
    }

    /** Why {@code event} (stored form) does not fit a history of {@code events} events and {@code bytes} bytes, or null. */
    static String overflow(int events, long bytes, LeadEvent event) {
        long size = bytes(event);
        if (events >= MAX_EVENTS) {
            return "lead history full: " + events + " events (at most " + MAX_EVENTS + " per lead)";
        }
        if (bytes + size > MAX_BYTES) {
            return "lead history full: " + bytes + " bytes stored and " + size + " for this event (at most "
                    + MAX_BYTES + " per lead; long notes are already kept as digests)";
        }
        return null;
    }

    private static boolean tooLong(String s) {
        return s != null && s.length() > MAX_FREE_TEXT;
    }

    private static String shorten(String s) {
        return tooLong(s) ? digest(s) : s;
    }

    /** "sha256:<hex> (N characters)": equal texts give equal digests. */
    static String digest(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(d) + " (" + text.length() + " characters)";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static long customer(Customer c) {
        return c == null ? 0 : len(c.name()) + len(c.industry()) + len(c.size());
    }

    private static long len(String s) {
        return s == null ? 0 : s.length();
    }
}
