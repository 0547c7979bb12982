package dev.funnelstreams.core.event;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Writes canonical one-line JSON (see {@link EventJson#write(LeadEvent)}). Hand-written rather than
 * through Jackson because the generator writes millions of lines; the output is plain JSON that any
 * parser reads (strings escaped per RFC 8259, non-ASCII text kept as UTF-8 characters).
 */
final class EventJsonWriter {

    private EventJsonWriter() {
    }

    static String write(LeadEvent e) {
        Line g = new Line();
        g.text("eventId", e.eventId());
        g.text("type", e.type());
        g.text("leadId", e.leadId());
        g.instant("occurredAt", e.occurredAt());
        if (e instanceof LeadCreated c) {
            g.optional("channel", c.channel());
            g.optional("campaign", c.campaign());
            g.text("owner", c.owner());
            g.text("stage", c.stage());
            if (c.customer() != null) {
                g.open("customer");
                g.text("name", c.customer().name());
                g.text("industry", c.customer().industry());
                g.text("size", c.customer().size());
                g.close();
            }
            if (c.contact() != null) {
                g.open("contact");
                g.text("name", c.contact().name());
                g.text("title", c.contact().title());
                g.text("phone", c.contact().phone());
                g.close();
            }
            g.moneyAttribute("estimatedValue", c.estimatedValue(), c.estimatedValueCleared());
            g.text("tier", c.tier());
        } else if (e instanceof StageChanged s) {
            g.text("toStage", s.toStage());
            g.optional("fromStage", s.fromStage());
            g.optional("note", s.note());
            g.money("amount", s.amount());
        } else if (e instanceof ActivityLogged a) {
            g.text("activity", a.activity());
            g.optional("note", a.note());
        } else if (e instanceof OwnerChanged o) {
            g.text("owner", o.owner());
        } else if (e instanceof LeadUpdated u) {
            g.moneyAttribute("estimatedValue", u.estimatedValue(), u.estimatedValueCleared());
            g.text("tier", u.tier());
            g.text("industry", u.industry());
        } else if (e instanceof LeadLost l) {
            g.text("reason", l.reason());
            g.optional("detail", l.detail());
        }
        return g.end();
    }

    static String write(ChannelSpend s) {
        Line g = new Line();
        g.text("eventId", s.eventId());
        g.text("type", "ChannelSpend");
        g.text("channel", s.channel());
        g.optional("campaign", s.campaign());
        if (s.date() != null) {
            g.text("date", s.date().toString());
        }
        g.money("amount", s.amount());
        g.text("currency", s.currency());
        g.instant("reportedAt", s.reportedAt());
        return g.end();
    }

    /** One JSON object being written; null fields are omitted. */
    private static final class Line {
        private final StringBuilder sb = new StringBuilder(256).append('{');
        private boolean first = true;

        void text(String name, String value) {
            if (value != null) {
                name(name);
                string(value);
            }
        }

        /** An optional non-attribute field: "" means absent, so the canonical form omits it. */
        void optional(String name, String value) {
            if (value != null && !value.isEmpty()) {
                text(name, value);
            }
        }

        void instant(String name, Instant value) {
            if (value != null) {
                name(name);
                sb.append('"');
                Rfc3339.appendTo(sb, value);
                sb.append('"');
            }
        }

        void money(String name, BigDecimal value) {
            if (value != null) {
                text(name, Money.format(value));
            }
        }

        void moneyAttribute(String name, BigDecimal value, boolean cleared) {
            if (value != null) {
                money(name, value);
            } else if (cleared) {
                text(name, "");
            }
        }

        void open(String name) {
            name(name);
            sb.append('{');
            first = true;
        }

        void close() {
            sb.append('}');
            first = false;
        }

        String end() {
            return sb.append('}').toString();
        }

        private void name(String name) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            string(name);
            sb.append(':');
        }

        private void string(String s) {
            sb.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"' -> sb.append("\\\"");
                    case '\\' -> sb.append("\\\\");
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    case '\t' -> sb.append("\\t");
                    case '\b' -> sb.append("\\b");
                    case '\f' -> sb.append("\\f");
                    default -> {
                        // control characters, and the two line separators some JSON-lines readers split on
                        if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                            sb.append(String.format("\\u%04x", (int) c));
                        } else {
                            sb.append(c);
                        }
                    }
                }
            }
            sb.append('"');
        }
    }
}
