package dev.funnelstreams.core.lead;

import dev.funnelstreams.core.event.ActivityLogged;
import dev.funnelstreams.core.event.Customer;
import dev.funnelstreams.core.event.LeadCreated;
import dev.funnelstreams.core.event.LeadEvent;
import dev.funnelstreams.core.event.LeadLost;
import dev.funnelstreams.core.event.LeadUpdated;
import dev.funnelstreams.core.event.OwnerChanged;
import dev.funnelstreams.core.event.StageChanged;

/**
 * One lead event in a compact binary form: type, eventId, occurredAt, then the type's fields in
 * declaration order (the leadId is the holder's: a lead record, a batch lead buffer). Lossless:
 * {@code decode(encode(e)) == e}, every string included. A LeadCreated with contact data is refused:
 * only the stored form ({@link HistoryLimits#stored}) is kept. The lead record's log and the batch report keep events this way.
 */
public final class EventCodec {

    private EventCodec() {
    }

    /** The event's bytes. */
    public static byte[] encode(LeadEvent e) {
        Bin.Out out = new Bin.Out(64);
        write(e, out);
        return out.toBytes();
    }

    /**
     * The event of lead {@code leadId} encoded at {@code data[from]} (it may be followed by more);
     * inconsistent bytes are an {@link IllegalStateException}.
     */
    public static LeadEvent decode(String leadId, byte[] data, int from) {
        return read(leadId, new Bin.In(data, from, data.length));
    }

    /**
     * Where the eventId of the event encoded at {@code data[from]} ends: its bytes (header included)
     * are {@code data[from + 1, end)}, so two encoded events have the same eventId exactly when
     * those ranges are equal.
     */
    public static int eventIdEnd(byte[] data, int from) {
        Bin.In in = new Bin.In(data, from, data.length);
        in.byte_();
        // skipped, not decoded: the batch intake asks this for every stored event of a lead per new event
        in.skipString();
        return in.position();
    }

    static void write(LeadEvent e, Bin.Out out) {
        if (e instanceof LeadCreated c && c.contact() != null) {
            // stores hold the contact-free form (HistoryLimits.stored); personal data never gets here
            throw new IllegalStateException("event " + e.eventId() + " of lead " + e.leadId()
                    + " still carries contact data; only its stored form is encoded");
        }
        out.byte_(e.typeRank());
        out.string(e.eventId());
        out.instant(e.occurredAt());
        if (e instanceof LeadCreated c) {
            out.string(c.channel()).string(c.campaign()).string(c.owner()).string(c.stage());
            out.bool(c.customer() != null);
            if (c.customer() != null) {
                out.string(c.customer().name()).string(c.customer().industry()).string(c.customer().size());
            }
            out.decimal(c.estimatedValue()).bool(c.estimatedValueCleared()).string(c.tier());
        } else if (e instanceof StageChanged s) {
            out.string(s.toStage()).string(s.fromStage()).string(s.note()).decimal(s.amount());
        } else if (e instanceof ActivityLogged a) {
            out.string(a.activity()).string(a.note());
        } else if (e instanceof OwnerChanged o) {
            out.string(o.owner());
        } else if (e instanceof LeadUpdated u) {
            out.decimal(u.estimatedValue()).bool(u.estimatedValueCleared()).string(u.tier()).string(u.industry());
        } else if (e instanceof LeadLost l) {
            out.string(l.reason()).string(l.detail());
        }
    }

    static LeadEvent read(String leadId, Bin.In in) {
        int type = in.byte_();
        String eventId = in.string();
        var at = in.instant();
        return switch (type) {
            case 0 -> {
                String channel = in.string();
                String campaign = in.string();
                String owner = in.string();
                String stage = in.string();
                Customer customer = in.bool() ? new Customer(in.string(), in.string(), in.string()) : null;
                yield new LeadCreated(eventId, leadId, at, channel, campaign, owner, stage, customer, null,
                        in.decimal(), in.bool(), in.string());
            }
            case 1 -> new StageChanged(eventId, leadId, at, in.string(), in.string(), in.string(), in.decimal());
            case 2 -> new ActivityLogged(eventId, leadId, at, in.string(), in.string());
            case 3 -> new OwnerChanged(eventId, leadId, at, in.string());
            case 4 -> new LeadUpdated(eventId, leadId, at, in.decimal(), in.bool(), in.string(), in.string());
            case 5 -> new LeadLost(eventId, leadId, at, in.string(), in.string());
            default -> throw Bin.In.corrupt("unknown event type " + type);
        };
    }
}
