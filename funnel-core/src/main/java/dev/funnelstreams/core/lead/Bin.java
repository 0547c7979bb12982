package dev.funnelstreams.core.lead;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/** The primitives of the lead record's binary form: varints, nullable strings, instants and decimals. */
final class Bin {

    private Bin() {
    }

    /** A growing byte buffer. */
    static final class Out {
        private byte[] buf;
        private int len;

        Out(int capacity) {
            buf = new byte[Math.max(16, capacity)];
        }

        byte[] toBytes() {
            return Arrays.copyOf(buf, len);
        }

        int length() {
            return len;
        }

        private void ensure(int more) {
            if (len + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
            }
        }

        Out byte_(int b) {
            ensure(1);
            buf[len++] = (byte) b;
            return this;
        }

        Out bool(boolean b) {
            return byte_(b ? 1 : 0);
        }

        Out bytes(byte[] b, int off, int n) {
            ensure(n);
            System.arraycopy(b, off, buf, len, n);
            len += n;
            return this;
        }

        Out varLong(long v) {
            ensure(10);
            while ((v & ~0x7FL) != 0) {
                buf[len++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            buf[len++] = (byte) v;
            return this;
        }

        Out zigzag(long v) {
            return varLong((v << 1) ^ (v >> 63));
        }

        /** null as 0, else UTF-8 length + 1 and the bytes. */
        Out string(String s) {
            if (s == null) {
                return varLong(0);
            }
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            varLong(b.length + 1L);
            return bytes(b, 0, b.length);
        }

        Out instant(Instant t) {
            if (t == null) {
                return byte_(0);
            }
            byte_(1);
            zigzag(t.getEpochSecond());
            return varLong(t.getNano());
        }

        Out decimal(BigDecimal d) {
            if (d == null) {
                return varLong(0);
            }
            byte[] unscaled = d.unscaledValue().toByteArray();
            varLong(unscaled.length + 1L);
            bytes(unscaled, 0, unscaled.length);
            return zigzag(d.scale());
        }
    }

    /** A reader over one encoded value; any inconsistency is an {@link IllegalStateException}. */
    static final class In {
        private final byte[] buf;
        private int pos;
        private final int end;

        In(byte[] buf, int pos, int end) {
            this.buf = buf;
            this.pos = pos;
            this.end = end;
        }

        int position() {
            return pos;
        }

        boolean atEnd() {
            return pos >= end;
        }

        int byte_() {
            if (pos >= end) {
                throw corrupt("ends early");
            }
            return buf[pos++] & 0xFF;
        }

        boolean bool() {
            return byte_() != 0;
        }

        long varLong() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int b = byte_();
                v |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return v;
                }
            }
            throw corrupt("varint too long");
        }

        int varInt() {
            long v = varLong();
            if (v < 0 || v > Integer.MAX_VALUE) {
                throw corrupt("length out of range: " + v);
            }
            return (int) v;
        }

        long zigzag() {
            long v = varLong();
            return (v >>> 1) ^ -(v & 1);
        }

        /** Skips {@code n} bytes; the position before the skip. */
        int skip(int n) {
            if (n < 0 || pos + n > end) {
                throw corrupt("ends early");
            }
            int at = pos;
            pos += n;
            return at;
        }

        String string() {
            int n = varInt();
            if (n == 0) {
                return null;
            }
            int at = skip(n - 1);
            return new String(buf, at, n - 1, StandardCharsets.UTF_8);
        }

        /** Whether the next string equals {@code utf8}; consumes it. */
        boolean stringEquals(byte[] utf8) {
            int n = varInt();
            if (n == 0) {
                return false;
            }
            int at = skip(n - 1);
            return Arrays.equals(buf, at, at + n - 1, utf8, 0, utf8.length);
        }

        Instant instant() {
            if (!bool()) {
                return null;
            }
            long seconds = zigzag();
            long nanos = varLong();
            if (nanos >= 1_000_000_000L) {
                throw corrupt("nanos out of range");
            }
            return Instant.ofEpochSecond(seconds, nanos);
        }

        BigDecimal decimal() {
            int n = varInt();
            if (n == 0) {
                return null;
            }
            int at = skip(n - 1);
            BigInteger unscaled = new BigInteger(buf, at, n - 1);
            return new BigDecimal(unscaled, Math.toIntExact(zigzag()));
        }

        static IllegalStateException corrupt(String what) {
            return new IllegalStateException("corrupt lead record: " + what);
        }
    }
}
