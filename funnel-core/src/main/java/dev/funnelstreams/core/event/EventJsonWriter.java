package dev.funnelstreams.core.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;

/** Writes canonical one-line JSON (see {@link EventJson#write(LeadEvent)}). */
final class EventJsonWriter {

    private static final JsonFactory FACTORY = new JsonFactory();

    private EventJsonWriter() {
    }

    static String write(LeadEvent e) {
        return generate(g -> {
            g.writeStringField("eventId", e.eventId());
            g.writeStringField("type", e.type());
            g.writeStringField("leadId", e.leadId());
            instant(g, "occurredAt", e.occurredAt());
            if (e instanceof LeadCreated c) {
                text(g, "channel", c.channel());
                text(g, "campaign", c.campaign());
                text(g, "owner", c.owner());
                text(g, "stage", c.stage());
                if (c.customer() != null) {
                    g.writeObjectFieldStart("customer");
                    text(g, "name", c.customer().name());
                    text(g, "industry", c.customer().industry());
                    text(g, "size", c.customer().size());
                    g.writeEndObject();
                }
                if (c.contact() != null) {
                    g.writeObjectFieldStart("contact");
                    text(g, "name", c.contact().name());
                    text(g, "title", c.contact().title());
                    text(g, "phone", c.contact().phone());
                    g.writeEndObject();
                }
                moneyAttribute(g, "estimatedValue", c.estimatedValue(), c.estimatedValueCleared());
                text(g, "tier", c.tier());
            } else if (e instanceof StageChanged s) {
                text(g, "toStage", s.toStage());
                text(g, "fromStage", s.fromStage());
                text(g, "note", s.note());
                money(g, "amount", s.amount());
            } else if (e instanceof ActivityLogged a) {
                text(g, "activity", a.activity());
                text(g, "note", a.note());
            } else if (e instanceof OwnerChanged o) {
                text(g, "owner", o.owner());
            } else if (e instanceof LeadUpdated u) {
                moneyAttribute(g, "estimatedValue", u.estimatedValue(), u.estimatedValueCleared());
                text(g, "tier", u.tier());
                text(g, "industry", u.industry());
            } else if (e instanceof LeadLost l) {
                text(g, "reason", l.reason());
                text(g, "detail", l.detail());
            }
        });
    }

    static String write(ChannelSpend s) {
        return generate(g -> {
            g.writeStringField("eventId", s.eventId());
            g.writeStringField("type", "ChannelSpend");
            text(g, "channel", s.channel());
            if (s.campaign() != null && !s.campaign().isEmpty()) {
                g.writeStringField("campaign", s.campaign());
            }
            if (s.date() != null) {
                g.writeStringField("date", s.date().toString());
            }
            money(g, "amount", s.amount());
            text(g, "currency", s.currency());
            instant(g, "reportedAt", s.reportedAt());
        });
    }

    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private static String generate(Body body) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            body.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to a string", e);
        }
        return out.toString();
    }

    private static void text(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    private static void instant(JsonGenerator g, String name, Instant value) throws IOException {
        if (value != null) {
            g.writeStringField(name, Rfc3339.format(value));
        }
    }

    private static void money(JsonGenerator g, String name, BigDecimal value) throws IOException {
        if (value != null) {
            g.writeStringField(name, Money.format(value));
        }
    }

    private static void moneyAttribute(JsonGenerator g, String name, BigDecimal value, boolean cleared)
            throws IOException {
        if (value != null) {
            g.writeStringField(name, Money.format(value));
        } else if (cleared) {
            g.writeStringField(name, "");
        }
    }
}
