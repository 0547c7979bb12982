package dev.funnelstreams.core.lead;

import java.util.ArrayList;
import java.util.List;

/** {@link ReplayEnd} in the lead record's binary form. The facts' dims share the lead's channel. */
final class EndCodec {

    private EndCodec() {
    }

    static void write(ReplayEnd end, Bin.Out out) {
        out.string(end.channel()).bool(end.created());
        Attributes a = end.attributes();
        out.string(a.owner()).string(a.industry()).string(a.explicitTier()).decimal(a.estimatedValue());
        out.zigzag(end.stage()).bool(end.active()).instant(end.enteredAt());
        out.varLong(end.reaches().size());
        for (Reach r : end.reaches()) {
            out.string(r.stage()).instant(r.at());
            dims(r.dims(), out);
        }
        out.bool(end.win() != null);
        if (end.win() != null) {
            out.instant(end.win().at()).decimal(end.win().value());
            dims(end.win().dims(), out);
        }
        out.bool(end.funnelEntry() != null);
        if (end.funnelEntry() != null) {
            out.string(end.funnelEntry().stage()).instant(end.funnelEntry().at());
            dims(end.funnelEntry().dims(), out);
        }
        out.instant(end.lastTouch());
        out.bool(end.last() != null);
        if (end.last() != null) {
            out.instant(end.last().occurredAt()).byte_(end.last().typeRank()).string(end.last().eventId());
        }
        out.varLong(end.events()).varLong(end.bytes());
    }

    static ReplayEnd read(Bin.In in) {
        String channel = in.string();
        boolean created = in.bool();
        Attributes attributes = new Attributes(in.string(), in.string(), in.string(), in.decimal());
        int stage = Math.toIntExact(in.zigzag());
        boolean active = in.bool();
        var enteredAt = in.instant();
        int n = in.varInt();
        List<Reach> reaches = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            reaches.add(new Reach(in.string(), in.instant(), dims(channel, in)));
        }
        Win win = in.bool() ? new Win(in.instant(), in.decimal(), dims(channel, in)) : null;
        Entry entry = in.bool() ? new Entry(in.string(), in.instant(), dims(channel, in)) : null;
        var lastTouch = in.instant();
        ReplayEnd.Position last = in.bool() ? new ReplayEnd.Position(in.instant(), in.byte_(), in.string()) : null;
        int events = in.varInt();
        long bytes = in.varLong();
        return new ReplayEnd(channel, created, attributes, stage, active, enteredAt, reaches, win, entry, lastTouch,
                last, events, bytes);
    }

    private static void dims(Dims d, Bin.Out out) {
        out.string(d.owner()).string(d.tier()).string(d.industry());
    }

    private static Dims dims(String channel, Bin.In in) {
        return new Dims(channel, in.string(), in.string(), in.string());
    }
}
