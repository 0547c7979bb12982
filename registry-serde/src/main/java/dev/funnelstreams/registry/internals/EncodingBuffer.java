package dev.funnelstreams.registry.internals;

import dev.funnelstreams.registry.WireFormat;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * A per-thread, reusable output buffer plus the Avro encoder writing into it, so serializing a
 * record allocates only the returned byte array. Besides the encoder it writes Avro's binary
 * primitives itself, for {@link SpecificRecordWriter}; both append to the same bytes, in call
 * order. Unsynchronized: one instance per thread.
 */
public final class EncodingBuffer extends OutputStream {

    private static final int INITIAL_CAPACITY = 256;
    // A thread that once serialized a huge record should not keep its buffer for ever.
    private static final int MAX_RETAINED_CAPACITY = 64 * 1024;

    private static final ThreadLocal<EncodingBuffer> PER_THREAD = ThreadLocal.withInitial(EncodingBuffer::new);

    private byte[] buf = new byte[INITIAL_CAPACITY];
    private int count;
    private final BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(this, null);

    private EncodingBuffer() {
    }

    /** This thread's buffer, emptied and holding the wire-format header for {@code schemaId}. */
    public static EncodingBuffer forSchemaId(int schemaId) {
        EncodingBuffer b = PER_THREAD.get();
        if (b.buf.length > MAX_RETAINED_CAPACITY) {
            b.buf = new byte[INITIAL_CAPACITY];
        }
        WireFormat.writeHeader(b.buf, 0, schemaId);
        b.count = WireFormat.HEADER_LENGTH;
        return b;
    }

    /** The Avro encoder that appends to this buffer; unbuffered, so no flush is needed. */
    public BinaryEncoder encoder() {
        return encoder;
    }

    /** Avro {@code int}: zig-zag, then 7 bits a byte, low bits first. */
    public void writeInt(int n) {
        ensureCapacity(count + 5);
        int v = (n << 1) ^ (n >> 31);
        while ((v & ~0x7F) != 0) {
            buf[count++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[count++] = (byte) v;
    }

    /** Avro {@code long}: zig-zag, then 7 bits a byte, low bits first. */
    public void writeLong(long n) {
        ensureCapacity(count + 10);
        long v = (n << 1) ^ (n >> 63);
        while ((v & ~0x7FL) != 0) {
            buf[count++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[count++] = (byte) v;
    }

    public void writeBoolean(boolean b) {
        write(b ? 1 : 0);
    }

    /** Avro {@code float}: the raw IEEE 754 bits, little-endian. */
    public void writeFloat(float f) {
        int bits = Float.floatToRawIntBits(f);
        ensureCapacity(count + 4);
        for (int i = 0; i < 4; i++) {
            buf[count++] = (byte) (bits >>> (8 * i));
        }
    }

    /** Avro {@code double}: the raw IEEE 754 bits, little-endian. */
    public void writeDouble(double d) {
        long bits = Double.doubleToRawLongBits(d);
        ensureCapacity(count + 8);
        for (int i = 0; i < 8; i++) {
            buf[count++] = (byte) (bits >>> (8 * i));
        }
    }

    /** Avro {@code bytes}: the length, then the bytes. */
    public void writeBytes(byte[] b, int off, int len) {
        writeInt(len);
        write(b, off, len);
    }

    /**
     * Avro {@code string}: the UTF-8 length, then UTF-8. ASCII is copied char by char; other text
     * is encoded straight into the buffer after one pass that counts its UTF-8 bytes, with no
     * intermediate array. The bytes are those of {@code s.getBytes(UTF_8)}, as in Avro's own
     * encoder: an unpaired surrogate becomes '?'.
     */
    public void writeString(String s) {
        int start = count;
        int n = s.length();
        writeInt(n); // the UTF-8 length if every char is ASCII
        ensureCapacity(count + n);
        byte[] b = buf;
        int at = count;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                count = start;
                writeEncoded(s, i);
                return;
            }
            b[at + i] = (byte) c;
        }
        count = at + n;
    }

    /**
     * {@code s} from its first non-ASCII char at {@code from} on: length, then UTF-8 (as
     * String.getBytes). One pass: the chars are encoded after room for the longest possible
     * length prefix, which is moved up if the actual length needs fewer bytes.
     */
    private void writeEncoded(String s, int from) {
        int n = s.length();
        if (n > (Integer.MAX_VALUE - 16) / 3) { // too long to reserve the worst case: two passes via the JDK
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            writeBytes(utf8, 0, utf8.length);
            return;
        }
        int prefix = varIntSize(3 * n); // the most UTF-8 bytes n chars can take
        ensureCapacity(count + prefix + 3 * n);
        byte[] b = buf;
        int begin = count + prefix;
        int at = begin;
        for (int i = 0; i < from; i++) {
            b[at++] = (byte) s.charAt(i);
        }
        for (int i = from; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                b[at++] = (byte) c;
            } else if (c < 0x800) {
                b[at++] = (byte) (0xC0 | (c >> 6));
                b[at++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                b[at++] = (byte) (0xF0 | (cp >> 18));
                b[at++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                b[at++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                b[at++] = (byte) (0x80 | (cp & 0x3F));
            } else if (Character.isSurrogate(c)) {
                b[at++] = '?';
            } else {
                b[at++] = (byte) (0xE0 | (c >> 12));
                b[at++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                b[at++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        int length = at - begin;
        int actualPrefix = varIntSize(length);
        if (actualPrefix != prefix) {
            System.arraycopy(b, begin, b, count + actualPrefix, length);
        }
        writeInt(length);
        count += length;
    }

    /** The bytes Avro's zig-zag varint takes for a non-negative {@code int}. */
    private static int varIntSize(int n) {
        int v = n << 1;
        int size = 1;
        while ((v & ~0x7F) != 0) {
            v >>>= 7;
            size++;
        }
        return size;
    }

    /**
     * Avro {@code bytes} holding {@code v} as {@code BigInteger.valueOf(v).toByteArray()} would: the
     * shortest big-endian two's complement (a decimal's unscaled value), without the array.
     */
    public void writeTwosComplement(long v) {
        int bitLength = 64 - Long.numberOfLeadingZeros(v < 0 ? ~v : v);
        int length = bitLength / 8 + 1;
        writeInt(length);
        ensureCapacity(count + length);
        byte[] b = buf;
        int at = count;
        for (int shift = 8 * (length - 1); shift >= 0; shift -= 8) {
            b[at++] = (byte) (v >> shift);
        }
        count = at;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, count);
    }

    @Override
    public void write(int b) {
        ensureCapacity(count + 1);
        buf[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        ensureCapacity(count + len);
        System.arraycopy(b, off, buf, count, len);
        count += len;
    }

    private void ensureCapacity(int needed) {
        if (needed > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(needed, buf.length * 2));
        }
    }
}
