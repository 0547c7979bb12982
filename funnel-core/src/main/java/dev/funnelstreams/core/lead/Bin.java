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

        /**
         * Lossless for every Java string: null as 0; a well-formed one as 2 x (UTF-8 length) + 2 and
         * its UTF-8 bytes; one with an unpaired surrogate (JSON's {@code "\ud800"} parses to one), which
         * UTF-8 cannot carry, as 2 x (UTF-16 length) + 1 and its code units.
         */
        Out string(String s) {
            if (s == null) {
                return varLong(0);
            }
            if (wellFormed(s)) {
                byte[] b = s.getBytes(StandardCharsets.UTF_8);
                varLong(2L * b.length + 2);
                return bytes(b, 0, b.length);
            }
            varLong(2L * s.length() + 1);
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                byte_(c >>> 8).byte_(c);
            }
            return this;
        }

        private static boolean wellFormed(String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    return false;
                }
            }
            return true;
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
            long h = varLong();
            if (h == 0) {
                return null;
            }
            int n = length((h - 1) / 2);
            if ((h & 1) == 0) {
                int at = skip(n);
                return new String(buf, at, n, StandardCharsets.UTF_8);
            }
            int at = skip(Math.multiplyExact(2, n));
            char[] chars = new char[n];
            for (int i = 0; i < n; i++) {
                chars[i] = (char) (((buf[at + 2 * i] & 0xFF) << 8) | (buf[at + 2 * i + 1] & 0xFF));
            }
            return new String(chars);
        }

        /** Moves past the next string without decoding it (as {@link #string()} does, minus the String). */
        void skipString() {
            long h = varLong();
            if (h != 0) {
                int n = length((h - 1) / 2);
                skip((h & 1) == 0 ? n : Math.multiplyExact(2, n));
            }
        }

        /** Whether the next string is the well-formed one of UTF-8 bytes {@code utf8}; consumes it. */
        boolean stringEquals(byte[] utf8) {
            long h = varLong();
            if (h == 0) {
                return false;
            }
            int n = length((h - 1) / 2);
            if ((h & 1) != 0) {
                skip(Math.multiplyExact(2, n));
                return false;
            }
            int at = skip(n);
            return Arrays.equals(buf, at, at + n, utf8, 0, utf8.length);
        }

        private static int length(long n) {
            if (n < 0 || n > Integer.MAX_VALUE / 2) {
                throw corrupt("length out of range: " + n);
            }
            return (int) n;
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
