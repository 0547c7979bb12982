package dev.funnelstreams.core.lead;

import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.event.EventJson;
import dev.funnelstreams.core.event.LeadEvent;
import dev.funnelstreams.core.event.ParseResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the topology stores per lead: its accepted events (contact-free, {@link HistoryLimits#stored})
 * in replay order, in a compact binary log, and where their replay ends ({@link ReplayEnd}), so that
 * an event arriving in order continues the replay instead of repeating it.
 *
 * <p>Binary form, version 1: {@code 0x01}, leadId, the config fingerprint the end was computed
 * under, the end (or none), the event count, and the log: per event its length and its
 * {@link EventCodec} bytes. Appending an event copies the log's bytes and encodes only the new
 * event. A record in the earlier form (the events as JSON lines, first byte {@code '{'}) still
 * reads, without an end: the next event replays it whole and stores the new form.
 */
public final class LeadRecord {

    static final int VERSION = 1;

    private final String leadId;
    private final long fingerprint;
    private final ReplayEnd end;
    private final int size;
    private final byte[] log;

    private LeadRecord(String leadId, long fingerprint, ReplayEnd end, int size, byte[] log) {
        this.leadId = leadId;
        this.fingerprint = fingerprint;
        this.end = end;
        this.size = size;
        this.log = log;
    }

    /** A lead without events. */
    public static LeadRecord empty(String leadId, FunnelConfig config) {
        return new LeadRecord(leadId, fingerprint(config), ReplayEnd.START, 0, new byte[0]);
    }

    /** The record of a whole history and the end of its replay under {@code config}. */
    public static LeadRecord of(LeadHistory history, ReplayEnd end, FunnelConfig config) {
        Bin.Out out = new Bin.Out(history.size() * 64);
        for (LeadEvent e : history.events()) {
            appendEvent(out, e);
        }
        return new LeadRecord(history.leadId(), fingerprint(config), end, history.size(), out.toBytes());
    }

    /** This record with {@code event} (stored form, sorting after every event here) added, and the new end. */
    public LeadRecord append(LeadEvent event, ReplayEnd newEnd, FunnelConfig config) {
        Bin.Out out = new Bin.Out(log.length + 96);
        out.bytes(log, 0, log.length);
        appendEvent(out, event);
        return new LeadRecord(leadId, fingerprint(config), newEnd, size + 1, out.toBytes());
    }

    private static void appendEvent(Bin.Out out, LeadEvent e) {
        byte[] one = EventCodec.encode(e);
        out.varLong(one.length);
        out.bytes(one, 0, one.length);
    }

    public String leadId() {
        return leadId;
    }

    public int size() {
        return size;
    }

    /**
     * Where the replay of these events ends under {@code config}; empty when unknown (a record of the
     * earlier form, or computed under another config), and then only a full replay tells.
     */
    public Optional<ReplayEnd> end(FunnelConfig config) {
        return end != null && fingerprint == fingerprint(config) ? Optional.of(end) : Optional.empty();
    }

    /** The events, decoded, in replay order. */
    public LeadHistory history() {
        List<LeadEvent> events = new ArrayList<>(size);
        Bin.In in = new Bin.In(log, 0, log.length);
        while (!in.atEnd()) {
            int n = in.varInt();
            int at = in.skip(n);
            events.add(EventCodec.read(leadId, new Bin.In(log, at, at + n)));
        }
        return new LeadHistory(leadId, events);
    }

    /** The stored event with this eventId; reads only the eventIds of the others. */
    public Optional<LeadEvent> find(String eventId) {
        byte[] wanted = eventId.getBytes(StandardCharsets.UTF_8);
        Bin.In in = new Bin.In(log, 0, log.length);
        while (!in.atEnd()) {
            int n = in.varInt();
            int at = in.skip(n);
            Bin.In one = new Bin.In(log, at, at + n);
            one.byte_();
            if (one.stringEquals(wanted)) {
                return Optional.of(EventCodec.read(leadId, new Bin.In(log, at, at + n)));
            }
        }
        return Optional.empty();
    }

    /** The lead's state: off its end, or by replaying when the end is unknown. */
    public LeadState state(FunnelConfig config) {
        return end(config).map(e -> e.state(leadId, config))
                .orElseGet(() -> LeadReplay.replay(history(), config).state());
    }

    /** Why {@code stored} (stored form) would overflow this lead's {@link HistoryLimits}, or null. */
    public String overflow(LeadEvent stored) {
        long bytes = end != null ? end.bytes() : history().bytes();
        return HistoryLimits.overflow(size, bytes, stored);
    }

    public byte[] encode() {
        Bin.Out out = new Bin.Out(log.length + 256);
        out.byte_(VERSION).string(leadId).varLong(fingerprint);
        out.bool(end != null);
        if (end != null) {
            EndCodec.write(end, out);
        }
        out.varLong(size).varLong(log.length).bytes(log, 0, log.length);
        return out.toBytes();
    }

    /** Reads either form; a record of neither is an {@link IllegalStateException}. */
    public static LeadRecord decode(byte[] bytes) {
        if (bytes.length > 0 && bytes[0] == '{') {
            return fromJsonLines(bytes);
        }
        Bin.In in = new Bin.In(bytes, 0, bytes.length);
        int version = in.byte_();
        if (version != VERSION) {
            throw Bin.In.corrupt("unknown version " + version);
        }
        String leadId = in.string();
        long fingerprint = in.varLong();
        ReplayEnd end = in.bool() ? EndCodec.read(in) : null;
        int size = in.varInt();
        int n = in.varInt();
        int at = in.skip(n);
        byte[] log = new byte[n];
        System.arraycopy(bytes, at, log, 0, n);
        return new LeadRecord(leadId, fingerprint, end, size, log);
    }

    private static LeadRecord fromJsonLines(byte[] bytes) {
        List<LeadEvent> events = new ArrayList<>();
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
            if (!(EventJson.parse(line) instanceof ParseResult.Lead lead)) {
                throw Bin.In.corrupt("a stored event no longer parses: " + line);
            }
            events.add(lead.event());
        }
        LeadHistory history = new LeadHistory(events.get(0).leadId(), events);
        Bin.Out out = new Bin.Out(events.size() * 64);
        events.forEach(e -> appendEvent(out, e));
        return new LeadRecord(history.leadId(), 0, null, events.size(), out.toBytes());
    }

    /**
     * A fingerprint of the config an end was computed under: a changed funnel (stages, tiers,
     * dimensions, time zone) replays a lead whole once instead of continuing from an end it no
     * longer describes. {@link StateConfig#fingerprint}: the same in every JVM, so a restarted or
     * moved task continues its leads' ends.
     */
    static long fingerprint(FunnelConfig config) {
        Fingerprint last = lastFingerprint;
        if (last != null && last.config() == config) {
            return last.value();
        }
        long h = StateConfig.fingerprint(config);
        lastFingerprint = new Fingerprint(config, h);
        return h;
    }

    /** The last config's fingerprint: a JVM runs one config, and its lines are many. */
    private static volatile Fingerprint lastFingerprint;

    private record Fingerprint(FunnelConfig config, long value) {
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LeadRecord r && r.leadId.equals(leadId) && r.fingerprint == fingerprint
                && java.util.Objects.equals(r.end, end) && r.size == size && java.util.Arrays.equals(r.log, log);
    }

    @Override
    public int hashCode() {
        return leadId.hashCode() * 31 + java.util.Arrays.hashCode(log);
    }

    @Override
    public String toString() {
        return "LeadRecord[" + leadId + ", " + size + " events, " + log.length + " bytes, end " + (end != null) + "]";
    }
}
