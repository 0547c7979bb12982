package dev.funnelstreams.registry;

import org.apache.kafka.common.errors.SerializationException;

/**
 * Confluent wire format: magic byte 0, the schema id as a 4-byte big-endian int, then the
 * Avro binary encoding of the record.
 */
public final class WireFormat {

    public static final byte MAGIC_BYTE = 0;
    public static final int HEADER_LENGTH = 5;

    private WireFormat() {
    }

    /** Writes the 5-byte header for {@code schemaId} into {@code target} at {@code offset}. */
    public static void writeHeader(byte[] target, int offset, int schemaId) {
        target[offset] = MAGIC_BYTE;
        target[offset + 1] = (byte) (schemaId >>> 24);
        target[offset + 2] = (byte) (schemaId >>> 16);
        target[offset + 3] = (byte) (schemaId >>> 8);
        target[offset + 4] = (byte) schemaId;
    }

    /** Validates the header of {@code data} and returns its schema id. */
    public static int schemaId(byte[] data) {
        return schemaId(data, 0, data.length);
    }

    /**
     * Validates the header of the {@code length} bytes at {@code offset} and returns the schema id.
     *
     * @throws SerializationException if the payload is too short or the magic byte is not 0
     */
    public static int schemaId(byte[] data, int offset, int length) {
        if (length < HEADER_LENGTH) {
            throw new SerializationException("payload of " + length + " byte(s) is too short for Confluent wire format"
                    + " (needs at least " + HEADER_LENGTH + ": magic byte 0 and a 4-byte schema id)");
        }
        byte magic = data[offset];
        if (magic != MAGIC_BYTE) {
            throw new SerializationException("unknown magic byte " + magic + " (expected " + MAGIC_BYTE
                    + "): not Confluent wire format");
        }
        return ((data[offset + 1] & 0xff) << 24)
                | ((data[offset + 2] & 0xff) << 16)
                | ((data[offset + 3] & 0xff) << 8)
                | (data[offset + 4] & 0xff);
    }
}
