package dev.funnelstreams.ingest.avro;

import dev.funnelstreams.core.event.ActivityLogged;
import dev.funnelstreams.core.event.ChannelSpend;
import dev.funnelstreams.core.event.Contact;
import dev.funnelstreams.core.event.Customer;
import dev.funnelstreams.core.event.LeadCreated;
import dev.funnelstreams.core.event.LeadEvent;
import dev.funnelstreams.core.event.LeadLost;
import dev.funnelstreams.core.event.LeadUpdated;
import dev.funnelstreams.core.event.OwnerChanged;
import dev.funnelstreams.core.event.StageChanged;
import dev.funnelstreams.avro.ChannelSpendKey;

/**
 * Core event records to the Avro contract of the schemas module and back; a cleared estimated
 * value travels as {@code estimatedValueCleared}. Shared with the streaming app; may move to a
 * shared module later.
 */
public final class AvroEvents {

    private AvroEvents() {
    }

    public static dev.funnelstreams.avro.LeadEvent toAvro(LeadEvent e) {
        return new dev.funnelstreams.avro.LeadEvent(e.eventId(), e.leadId(), e.occurredAt(), payload(e));
    }

    private static Object payload(LeadEvent e) {
        if (e instanceof LeadCreated c) {
            return new dev.funnelstreams.avro.LeadCreated(c.channel(), c.campaign(), c.owner(), c.stage(),
                    c.customer() == null ? null : new dev.funnelstreams.avro.Customer(
                            c.customer().name(), c.customer().industry(), c.customer().size()),
                    c.contact() == null ? null : new dev.funnelstreams.avro.Contact(
                            c.contact().name(), c.contact().title(), c.contact().phone()),
                    c.estimatedValue(), c.estimatedValueCleared(), c.tier());
        }
        if (e instanceof StageChanged s) {
            return new dev.funnelstreams.avro.StageChanged(s.toStage(), s.fromStage(), s.note(), s.amount());
        }
        if (e instanceof ActivityLogged a) {
            return new dev.funnelstreams.avro.ActivityLogged(a.activity(), a.note());
        }
        if (e instanceof OwnerChanged o) {
            return new dev.funnelstreams.avro.OwnerChanged(o.owner());
        }
        if (e instanceof LeadUpdated u) {
            return new dev.funnelstreams.avro.LeadUpdated(u.estimatedValue(), u.estimatedValueCleared(), u.tier(),
                    u.industry());
        }
        LeadLost l = (LeadLost) e;
        return new dev.funnelstreams.avro.LeadLost(l.reason(), l.detail());
    }

    public static LeadEvent fromAvro(dev.funnelstreams.avro.LeadEvent a) {
        Object p = a.getPayload();
        if (p instanceof dev.funnelstreams.avro.LeadCreated c) {
            dev.funnelstreams.avro.Customer cu = c.getCustomer();
            dev.funnelstreams.avro.Contact co = c.getContact();
            return new LeadCreated(a.getEventId(), a.getLeadId(), a.getOccurredAt(), c.getChannel(), c.getCampaign(),
                    c.getOwner(), c.getStage(),
                    cu == null ? null : new Customer(cu.getName(), cu.getIndustry(), cu.getSize()),
                    co == null ? null : new Contact(co.getName(), co.getTitle(), co.getPhone()),
                    c.getEstimatedValue(), Boolean.TRUE.equals(c.getEstimatedValueCleared()), c.getTier());
        }
        if (p instanceof dev.funnelstreams.avro.StageChanged s) {
            return new StageChanged(a.getEventId(), a.getLeadId(), a.getOccurredAt(), s.getToStage(), s.getFromStage(),
                    s.getNote(), s.getAmount());
        }
        if (p instanceof dev.funnelstreams.avro.ActivityLogged al) {
            return new ActivityLogged(a.getEventId(), a.getLeadId(), a.getOccurredAt(), al.getActivity(), al.getNote());
        }
        if (p instanceof dev.funnelstreams.avro.OwnerChanged o) {
            return new OwnerChanged(a.getEventId(), a.getLeadId(), a.getOccurredAt(), o.getOwner());
        }
        if (p instanceof dev.funnelstreams.avro.LeadUpdated u) {
            return new LeadUpdated(a.getEventId(), a.getLeadId(), a.getOccurredAt(), u.getEstimatedValue(),
                    Boolean.TRUE.equals(u.getEstimatedValueCleared()), u.getTier(), u.getIndustry());
        }
        dev.funnelstreams.avro.LeadLost l = (dev.funnelstreams.avro.LeadLost) p;
        return LeadLost.of(a.getEventId(), a.getLeadId(), a.getOccurredAt(), l.getReason(), l.getDetail());
    }

    public static dev.funnelstreams.avro.ChannelSpend toAvro(ChannelSpend s) {
        return new dev.funnelstreams.avro.ChannelSpend(s.eventId(), s.channel(),
                s.campaign() == null || s.campaign().isEmpty() ? null : s.campaign(),
                s.date(), s.amount(), s.currency(), s.reportedAt());
    }

    /** The key of the channel-spend topic: (channel, campaign or "", date). */
    public static ChannelSpendKey keyOf(ChannelSpend s) {
        return new ChannelSpendKey(s.channel(), s.campaign() == null ? "" : s.campaign(), s.date());
    }

    public static ChannelSpend fromAvro(dev.funnelstreams.avro.ChannelSpend a) {
        return new ChannelSpend(a.getEventId(), a.getChannel(), a.getCampaign() == null ? "" : a.getCampaign(),
                a.getDate(), a.getAmount(), a.getCurrency(), a.getReportedAt());
    }
}
