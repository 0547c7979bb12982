package dev.funnelstreams.streams.alert;

import dev.funnelstreams.core.alert.AlertType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Keys of the deadline store: {@code due (8 bytes, big-endian, sign bit flipped) | leadId (UTF-8) |
 * type (1 byte)}. Byte order is due-time order (RocksDB and the in-memory store compare keys as
 * unsigned bytes), so the keys due at or before now are exactly the first keys of a range scan
 * starting at the last position the timer reached.
 */
public final class DeadlineKeys {

    /** One decoded key. */
    public record Due(long dueMillis, String leadId, AlertType type) {
    }

    private DeadlineKeys() {
    }

    public static byte[] of(long dueMillis, String leadId, AlertType type) {
        byte[] lead = leadId.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + lead.length + 1)
                .putLong(dueMillis ^ Long.MIN_VALUE)
                .put(lead)
                .put(code(type))
                .array();
    }

    /** The smallest key due at {@code millis}: the inclusive lower end of a scan. */
    public static byte[] from(long millis) {
        return ByteBuffer.allocate(8).putLong(millis ^ Long.MIN_VALUE).array();
    }

    public static Due decode(byte[] key) {
        ByteBuffer buf = ByteBuffer.wrap(key);
        long due = buf.getLong() ^ Long.MIN_VALUE;
        String leadId = new String(Arrays.copyOfRange(key, 8, key.length - 1), StandardCharsets.UTF_8);
        return new Due(due, leadId, type(key[key.length - 1]));
    }

    private static byte code(AlertType type) {
        return switch (type) {
            case STALL -> 1;
            case FOLLOW_UP_OVERDUE -> 2;
            case CONVERSION_DROP -> throw new IllegalArgumentException("CONVERSION_DROP has no lead timer");
        };
    }

    private static AlertType type(byte code) {
        return switch (code) {
            case 1 -> AlertType.STALL;
            case 2 -> AlertType.FOLLOW_UP_OVERDUE;
            default -> throw new IllegalArgumentException("unknown deadline type " + code);
        };
    }
}
