package dev.funnelstreams.avroevents;

import dev.funnelstreams.avro.ChannelSpendKey;
import dev.funnelstreams.core.event.ActivityLogged;
import dev.funnelstreams.core.event.ChannelSpend;
import dev.funnelstreams.core.event.Contact;
import dev.funnelstreams.core.event.Customer;
import dev.funnelstreams.core.event.LeadCreated;
import dev.funnelstreams.core.event.LeadEvent;
import dev.funnelstreams.core.event.LeadEvents;
import dev.funnelstreams.core.event.LeadLost;
import dev.funnelstreams.core.event.LeadUpdated;
import dev.funnelstreams.core.event.Money;
import dev.funnelstreams.core.event.OwnerChanged;
import dev.funnelstreams.core.event.StageChanged;
import dev.funnelstreams.core.metrics.SpendKey;
import java.math.BigDecimal;

/**
 * The one conversion between the Avro input records and the core's canonical events. Decoding
 * applies the JSON reader's normalisations ({@link LeadEvents}), so an event has "the same
 * content" (SPEC section 8) whichever form it arrived in; every canonical event has an Avro form
 * (a cleared estimated value travels as {@code estimatedValueCleared}).
 */
public final class AvroEvents {

    private static final String CLEARED_AND_SET = "estimatedValue: set and estimatedValueCleared at once";

    private AvroEvents() {
    }

    /** The canonical event, or a one-line reason why the record is not one. */
    public record Decoded<T>(T event, String problem) {

        static <T> Decoded<T> ok(T event) {
            return new Decoded<>(event, null);
        }

        static <T> Decoded<T> problem(String problem) {
            return new Decoded<>(null, problem);
        }

        public boolean isOk() {
            return problem == null;
        }
    }

    public static Decoded<LeadEvent> fromAvro(dev.funnelstreams.avro.LeadEvent e) {
        String id = e.getEventId();
        String lead = e.getLeadId();
        var at = LeadEvents.instant(e.getOccurredAt());
        Object p = e.getPayload();
        LeadEvent out;
        if (p instanceof dev.funnelstreams.avro.LeadCreated c) {
            if (c.getEstimatedValueCleared() && c.getEstimatedValue() != null) {
                return Decoded.problem(CLEARED_AND_SET);
            }
            out = new LeadCreated(id, lead, at, LeadEvents.optional(c.getChannel()), LeadEvents.optional(c.getCampaign()),
                    c.getOwner(), c.getStage(), customer(c.getCustomer()), contact(c.getContact()),
                    Money.normalise(c.getEstimatedValue()), c.getEstimatedValueCleared(), c.getTier());
        } else if (p instanceof dev.funnelstreams.avro.StageChanged s) {
            if (s.getToStage() == null || s.getToStage().isEmpty()) {
                return Decoded.problem("toStage: empty");
            }
            out = new StageChanged(id, lead, at, s.getToStage(), LeadEvents.optional(s.getFromStage()),
                    LeadEvents.optional(s.getNote()), Money.normalise(s.getAmount()));
        } else if (p instanceof dev.funnelstreams.avro.ActivityLogged a) {
            out = new ActivityLogged(id, lead, at, a.getActivity(), LeadEvents.optional(a.getNote()));
        } else if (p instanceof dev.funnelstreams.avro.OwnerChanged o) {
            out = new OwnerChanged(id, lead, at, o.getOwner());
        } else if (p instanceof dev.funnelstreams.avro.LeadUpdated u) {
            if (u.getEstimatedValueCleared() && u.getEstimatedValue() != null) {
                return Decoded.problem(CLEARED_AND_SET);
            }
            out = new LeadUpdated(id, lead, at, Money.normalise(u.getEstimatedValue()), u.getEstimatedValueCleared(),
                    u.getTier(), u.getIndustry());
        } else if (p instanceof dev.funnelstreams.avro.LeadLost l) {
            out = LeadLost.of(id, lead, at, l.getReason(), l.getDetail());
        } else {
            return Decoded.problem("payload: unknown event type "
                    + (p == null ? "null" : p.getClass().getSimpleName()));
        }
        return Decoded.ok(out);
    }

    public static Decoded<ChannelSpend> fromAvro(dev.funnelstreams.avro.ChannelSpend s) {
        String campaign = LeadEvents.optional(s.getCampaign());
        return Decoded.ok(new ChannelSpend(s.getEventId(), s.getChannel(), campaign == null ? "" : campaign,
                s.getDate(), Money.normalise(s.getAmount()), LeadEvents.optional(s.getCurrency()),
                LeadEvents.instant(s.getReportedAt())));
    }

    /** The Avro form of a lead event. */
    public static dev.funnelstreams.avro.LeadEvent toAvro(LeadEvent e) {
        return new dev.funnelstreams.avro.LeadEvent(e.eventId(), e.leadId(), e.occurredAt(), payload(e));
    }

    private static Object payload(LeadEvent e) {
        if (e instanceof LeadCreated c) {
            return new dev.funnelstreams.avro.LeadCreated(c.channel(), c.campaign(), c.owner(), c.stage(),
                    c.customer() == null ? null : new dev.funnelstreams.avro.Customer(c.customer().name(),
                            c.customer().industry(), c.customer().size()),
                    c.contact() == null ? null : new dev.funnelstreams.avro.Contact(c.contact().name(),
                            c.contact().title(), c.contact().phone()),
                    value(c.estimatedValue(), c.estimatedValueCleared()), c.estimatedValueCleared(), c.tier());
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
            return new dev.funnelstreams.avro.LeadUpdated(value(u.estimatedValue(), u.estimatedValueCleared()),
                    u.estimatedValueCleared(), u.tier(), u.industry());
        }
        LeadLost l = (LeadLost) e;
        return new dev.funnelstreams.avro.LeadLost(l.reason(), l.detail());
    }

    /** A cleared value is null in Avro, so that a reader that ignores the flag never sees a stale value. */
    private static BigDecimal value(BigDecimal value, boolean cleared) {
        return cleared ? null : value;
    }

    /** The Avro form of a spend line; an absent campaign ("" in the core and in the key) is null. */
    public static dev.funnelstreams.avro.ChannelSpend toAvro(ChannelSpend s) {
        return new dev.funnelstreams.avro.ChannelSpend(s.eventId(), s.channel(), LeadEvents.optional(s.campaign()),
                s.date(), s.amount(), s.currency(), s.reportedAt());
    }

    /** The key of the channel-spend topic: (channel, campaign or "", date). */
    public static ChannelSpendKey keyOf(ChannelSpend s) {
        SpendKey k = SpendKey.of(s);
        return new ChannelSpendKey(k.channel(), k.campaign(), k.date());
    }

    public static SpendKey fromAvro(ChannelSpendKey k) {
        return new SpendKey(k.getChannel(), k.getCampaign(), k.getDate());
    }

    private static Customer customer(dev.funnelstreams.avro.Customer c) {
        if (c == null) {
            return null;
        }
        Customer out = new Customer(c.getName(), c.getIndustry(), c.getSize());
        return out.equals(new Customer(null, null, null)) ? null : out;
    }

    private static Contact contact(dev.funnelstreams.avro.Contact c) {
        if (c == null) {
            return null;
        }
        Contact out = new Contact(c.getName(), c.getTitle(), c.getPhone());
        return out.equals(new Contact(null, null, null)) ? null : out;
    }
}
