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

    private final byte[] buf;
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
     * A string's bytes decoded as UTF-8 (malformed sequences become U+FFFD, as in Avro). The JDK's
     * decoder is used as it is: a hand-written decoder (ASCII scan, then a char scratch array) was
     * measured slower for both ASCII and CJK text on JDK 17.
     */
    String readString() throws IOException {
        int length = readLength();
        String s = new String(buf, pos, length, StandardCharsets.UTF_8);
        pos += length;
        return s;
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
