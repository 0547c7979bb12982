package dev.funnelstreams.core.report;

import dev.funnelstreams.core.event.ActivityLogged;
import dev.funnelstreams.core.event.Contact;
import dev.funnelstreams.core.event.Customer;
import dev.funnelstreams.core.event.LeadCreated;
import dev.funnelstreams.core.event.LeadEvent;
import dev.funnelstreams.core.event.LeadLost;
import dev.funnelstreams.core.event.LeadUpdated;
import dev.funnelstreams.core.event.OwnerChanged;
import dev.funnelstreams.core.event.StageChanged;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;

/**
 * A compact binary form of one stored lead event (contact-free, see {@code HistoryLimits.stored}), without
 * its leadId, so that the batch can hold 200k leads' histories in a small heap. The encoding is a function
 * of the event's fields and decodes back to an equal event, so two events are equal exactly when their bytes
 * are: the duplicate test compares bytes. It starts with the eventId (length byte, ASCII), so a history can
 * be searched for an eventId without decoding.
 *
 * <p>Strings are Latin-1 (one byte a character) when every character fits, else UTF-16 (two bytes), so any
 * Java string, unpaired surrogates included, comes back unchanged.
 */
final class EventCodec {

    private static final int CREATED = 0;
    private static final int STAGE = 1;
    private static final int ACTIVITY = 2;
    private static final int OWNER = 3;
    private static final int UPDATED = 4;
    private static final int LOST = 5;

    private EventCodec() {
    }

    /** The bytes of a stored event; its eventId must be 1..128 characters from ! to ~ (validated). */
    static byte[] encode(LeadEvent e) {
        Out out = new Out();
        String id = e.eventId();
        out.byteValue(id.length());
        for (int i = 0; i < id.length(); i++) {
            out.byteValue(id.charAt(i));
        }
        out.byteValue(e.typeRank());
        Instant at = e.occurredAt();
        out.varLong(zigzag(at.getEpochSecond()));
        out.varLong(at.getNano());
        if (e instanceof LeadCreated c) {
            if (c.contact() != null) {
                throw new IllegalStateException("contact data must not be stored (event " + c.eventId() + ")");
            }
            out.string(c.channel());
            out.string(c.campaign());
            out.string(c.owner());
            out.string(c.stage());
            Customer customer = c.customer();
            out.byteValue(customer == null ? 0 : 1);
            if (customer != null) {
                out.string(customer.name());
                out.string(customer.industry());
                out.string(customer.size());
            }
            out.money(c.estimatedValue());
            out.byteValue(c.estimatedValueCleared() ? 1 : 0);
            out.string(c.tier());
        } else if (e instanceof StageChanged s) {
            out.string(s.toStage());
            out.string(s.fromStage());
            out.string(s.note());
            out.money(s.amount());
        } else if (e instanceof ActivityLogged a) {
            out.string(a.activity());
            out.string(a.note());
        } else if (e instanceof OwnerChanged o) {
            out.string(o.owner());
        } else if (e instanceof LeadUpdated u) {
            out.money(u.estimatedValue());
            out.byteValue(u.estimatedValueCleared() ? 1 : 0);
            out.string(u.tier());
            out.string(u.industry());
        } else if (e instanceof LeadLost l) {
            out.string(l.reason());
            out.string(l.detail());
        }
        return out.bytes();
    }

    /** The event of {@code leadId} encoded at {@code data[from..]}. */
    static LeadEvent decode(String leadId, byte[] data, int from) {
        In in = new In(data, from);
        int idLength = in.byteValue();
        String eventId = new String(data, in.pos, idLength, java.nio.charset.StandardCharsets.ISO_8859_1);
        in.pos += idLength;
        int type = in.byteValue();
        Instant at = Instant.ofEpochSecond(unzigzag(in.varLong()), in.varLong());
        return switch (type) {
            case CREATED -> {
                String channel = in.string();
                String campaign = in.string();
                String owner = in.string();
                String stage = in.string();
                Customer customer = in.byteValue() == 0 ? null : new Customer(in.string(), in.string(), in.string());
                BigDecimal value = in.money();
                boolean cleared = in.byteValue() == 1;
                yield new LeadCreated(eventId, leadId, at, channel, campaign, owner, stage, customer, (Contact) null,
                        value, cleared, in.string());
            }
            case STAGE -> new StageChanged(eventId, leadId, at, in.string(), in.string(), in.string(), in.money());
            case ACTIVITY -> new ActivityLogged(eventId, leadId, at, in.string(), in.string());
            case OWNER -> new OwnerChanged(eventId, leadId, at, in.string());
            case UPDATED -> {
                BigDecimal value = in.money();
                boolean cleared = in.byteValue() == 1;
                yield new LeadUpdated(eventId, leadId, at, value, cleared, in.string(), in.string());
            }
            case LOST -> new LeadLost(eventId, leadId, at, in.string(), in.string());
            default -> throw new IllegalStateException("not an encoded event: type " + type);
        };
    }

    private static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    private static long unzigzag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }

    /** A growing byte buffer with the writers of the format. */
    private static final class Out {
        private byte[] buf = new byte[64];
        private int size;

        void byteValue(int b) {
            if (size == buf.length) {
                buf = Arrays.copyOf(buf, size * 2);
            }
            buf[size++] = (byte) b;
        }

        void varLong(long v) {
            while ((v & ~0x7FL) != 0) {
                byteValue((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            byteValue((int) v);
        }

        /** 0 = null; else (length * 2 + wide) + 1, then the characters. */
        void string(String s) {
            if (s == null) {
                varLong(0);
                return;
            }
            boolean wide = false;
            for (int i = 0; i < s.length() && !wide; i++) {
                wide = s.charAt(i) > 0xFF;
            }
            varLong(2L * s.length() + (wide ? 1 : 0) + 1);
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (wide) {
                    byteValue(c >>> 8);
                }
                byteValue(c);
            }
        }

        /** 0 = null; 1 = scale and a long unscaled value; 2 = scale and the unscaled value's bytes. */
        void money(BigDecimal m) {
            if (m == null) {
                byteValue(0);
                return;
            }
            BigInteger unscaled = m.unscaledValue();
            if (unscaled.bitLength() < 63) {
                byteValue(1);
                varLong(zigzag(m.scale()));
                varLong(zigzag(unscaled.longValue()));
            } else {
                byte[] bytes = unscaled.toByteArray();
                byteValue(2);
                varLong(zigzag(m.scale()));
                varLong(bytes.length);
                for (byte b : bytes) {
                    byteValue(b);
                }
            }
        }

        byte[] bytes() {
            return Arrays.copyOf(buf, size);
        }
    }

    /** A reader over encoded bytes. */
    private static final class In {
        private final byte[] data;
        private int pos;

        In(byte[] data, int pos) {
            this.data = data;
            this.pos = pos;
        }

        int byteValue() {
            return data[pos++] & 0xFF;
        }

        long varLong() {
            long v = 0;
            int shift = 0;
            while (true) {
                int b = byteValue();
                v |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return v;
                }
                shift += 7;
            }
        }

        String string() {
            long tag = varLong();
            if (tag == 0) {
                return null;
            }
            int length = (int) ((tag - 1) >>> 1);
            boolean wide = ((tag - 1) & 1) == 1;
            if (!wide) {
                String s = new String(data, pos, length, java.nio.charset.StandardCharsets.ISO_8859_1);
                pos += length;
                return s;
            }
            char[] chars = new char[length];
            for (int i = 0; i < length; i++) {
                chars[i] = (char) (((data[pos] & 0xFF) << 8) | (data[pos + 1] & 0xFF));
                pos += 2;
            }
            return new String(chars);
        }

        BigDecimal money() {
            int tag = byteValue();
            if (tag == 0) {
                return null;
            }
            int scale = (int) unzigzag(varLong());
            if (tag == 1) {
                return BigDecimal.valueOf(unzigzag(varLong()), scale);
            }
            int length = (int) varLong();
            byte[] bytes = Arrays.copyOfRange(data, pos, pos + length);
            pos += length;
            return new BigDecimal(new BigInteger(bytes), scale);
        }
    }
}
