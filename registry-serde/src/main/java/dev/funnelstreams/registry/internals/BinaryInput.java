package dev.funnelstreams.registry.internals;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Avro's binary primitives read from a slice of an array, for {@link SpecificRecordReader}. Never
 * reads outside the slice: a record cut short is an {@link EOFException}, a malformed number or
 * length an {@link IOException}, as in Avro's own decoder. One instance per record read.
 */
final class BinaryInput {

    private static final int MAX_RETAINED_SCRATCH = 16 * 1024;
    private static final ThreadLocal<char[]> SCRATCH = ThreadLocal.withInitial(() -> new char[64]);

    private final byte[] buf;
    /** This thread's char scratch for non-ASCII strings, fetched on the record's first one. */
    private char[] scratch;
    private final int limit;
    private int pos;

    BinaryInput(byte[] buf, int offset, int length) {
        this.buf = buf;
        this.pos = offset;
        this.limit = offset + length;
    }

    int readInt() throws IOException {
        int n = 0;
        for (int shift = 0; shift < 32; shift += 7) {
            int b = next();
            n |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return (n >>> 1) ^ -(n & 1);
            }
        }
        throw new IOException("Invalid int encoding");
    }

    long readLong() throws IOException {
        long n = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            long b = next();
            n |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return (n >>> 1) ^ -(n & 1);
            }
        }
        throw new IOException("Invalid long encoding");
    }

    /** As Avro: 1 is true, any other byte false. */
    boolean readBoolean() throws IOException {
        return next() == 1;
    }

    float readFloat() throws IOException {
        return Float.intBitsToFloat((int) readLittleEndian(4));
    }

    double readDouble() throws IOException {
        return Double.longBitsToDouble(readLittleEndian(8));
    }

    /**
     * A string's bytes decoded as UTF-8, to the same String as {@code new String(bytes, UTF_8)}
     * (malformed sequences become U+FFFD, as in Avro). ASCII is copied as Latin-1; other well-formed
     * UTF-8 is decoded into a per-thread scratch array and copied once into the String; anything
     * malformed is left to the JDK's decoder, so its replacement rules apply unchanged.
     */
    String readString() throws IOException {
        int length = readLength();
        byte[] b = buf;
        int start = pos;
        int end = start + length;
        pos = end;
        for (int i = start; i < end; i++) {
            if (b[i] < 0) {
                return decodeNonAscii(start, i, end);
            }
        }
        return new String(b, start, length, StandardCharsets.ISO_8859_1);
    }

    private String decodeNonAscii(int start, int firstNonAscii, int end) {
        int length = end - start;
        char[] chars = scratch;
        if (chars == null || chars.length < length) {
            chars = scratchOf(length);
            scratch = chars;
        }
        byte[] b = buf;
        int n = 0;
        for (int i = start; i < firstNonAscii; i++) {
            chars[n++] = (char) b[i];
        }
        int i = firstNonAscii;
        while (i < end) {
            int b0 = b[i];
            if (b0 >= 0) {
                chars[n++] = (char) b0;
                i++;
            } else if ((b0 & 0xE0) == 0xC0 && i + 1 < end) {
                int b1 = b[i + 1];
                int c = ((b0 & 0x1F) << 6) | (b1 & 0x3F);
                if ((b1 & 0xC0) != 0x80 || c < 0x80) {
                    return new String(b, start, length, StandardCharsets.UTF_8);
                }
                chars[n++] = (char) c;
                i += 2;
            } else if ((b0 & 0xF0) == 0xE0 && i + 2 < end) {
                int b1 = b[i + 1];
                int b2 = b[i + 2];
                int c = ((b0 & 0x0F) << 12) | ((b1 & 0x3F) << 6) | (b2 & 0x3F);
                if ((b1 & 0xC0) != 0x80 || (b2 & 0xC0) != 0x80 || c < 0x800 || Character.isSurrogate((char) c)) {
                    return new String(b, start, length, StandardCharsets.UTF_8);
                }
                chars[n++] = (char) c;
                i += 3;
            } else if ((b0 & 0xF8) == 0xF0 && i + 3 < end) {
                int b1 = b[i + 1];
                int b2 = b[i + 2];
                int b3 = b[i + 3];
                int cp = ((b0 & 0x07) << 18) | ((b1 & 0x3F) << 12) | ((b2 & 0x3F) << 6) | (b3 & 0x3F);
                if ((b1 & 0xC0) != 0x80 || (b2 & 0xC0) != 0x80 || (b3 & 0xC0) != 0x80
                        || cp < 0x10000 || cp > Character.MAX_CODE_POINT) {
                    return new String(b, start, length, StandardCharsets.UTF_8);
                }
                chars[n++] = Character.highSurrogate(cp);
                chars[n++] = Character.lowSurrogate(cp);
                i += 4;
            } else {
                return new String(b, start, length, StandardCharsets.UTF_8);
            }
        }
        return new String(chars, 0, n);
    }

    private static char[] scratchOf(int length) {
        char[] chars = SCRATCH.get();
        if (chars.length < length) {
            if (length > MAX_RETAINED_SCRATCH) {
                return new char[length]; // a huge string: not kept for the thread
            }
            chars = new char[Math.max(length, 2 * chars.length)];
            SCRATCH.set(chars);
        }
        return chars;
    }

    /**
     * The {@code length} bytes at the position (1 to 8) as a big-endian two's complement number,
     * as {@code new BigInteger(bytes).longValue()} would give; {@link #skip} them after use.
     */
    long readTwosComplement(int length) {
        long v = buf[pos]; // sign-extended
        for (int i = 1; i < length; i++) {
            v = (v << 8) | (buf[pos + i] & 0xFF);
        }
        return v;
    }

    /** Reads a length prefix and checks that that many bytes follow; {@link #skip} them after use. */
    int readLength() throws IOException {
        int length = readInt();
        if (length < 0) {
            throw new IOException("Malformed data. Length is negative: " + length);
        }
        if (length > limit - pos) {
            throw new EOFException("length " + length + " beyond the end of the record");
        }
        return length;
    }

    byte[] array() {
        return buf;
    }

    int position() {
        return pos;
    }

    void skip(int n) {
        pos += n;
    }

    private int next() throws EOFException {
        if (pos >= limit) {
            throw new EOFException();
        }
        return buf[pos++] & 0xFF;
    }

    private long readLittleEndian(int bytes) throws EOFException {
        if (limit - pos < bytes) {
            throw new EOFException();
        }
        long v = 0;
        for (int i = 0; i < bytes; i++) {
            v |= (long) (buf[pos++] & 0xFF) << (8 * i);
        }
        return v;
    }
}
