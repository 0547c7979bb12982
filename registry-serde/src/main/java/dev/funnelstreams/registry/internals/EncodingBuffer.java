package dev.funnelstreams.registry.internals;

import dev.funnelstreams.registry.WireFormat;
import java.io.OutputStream;
import java.util.Arrays;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * A per-thread, reusable output buffer plus the Avro encoder writing into it, so serializing a
 * record allocates only the returned byte array. Unsynchronized: one instance per thread.
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
