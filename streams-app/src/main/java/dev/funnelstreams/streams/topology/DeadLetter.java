package dev.funnelstreams.streams.topology;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * A rejected input record on its way to {@code funnel.dlq}: the original key and value bytes
 * (unchanged, as they may hold contact data the DLQ is access-controlled like the inputs) and the
 * reason. The headers say why and where the record came from.
 */
public record DeadLetter(byte[] key, byte[] value) implements TaskOutput {

    public static final String REASON = "funnel.dlq.reason";
    public static final String REASON_CODE = "funnel.dlq.reason.code";
    public static final String ERROR_CLASS = "funnel.dlq.error.class";
    public static final String SOURCE_TOPIC = "funnel.dlq.source.topic";
    public static final String SOURCE_PARTITION = "funnel.dlq.source.partition";
    public static final String SOURCE_OFFSET = "funnel.dlq.source.offset";
    /** Set when the value was cut to fit a record: the original value's length in bytes. */
    public static final String TRUNCATED = "funnel.dlq.truncated.from";
    /**
     * The most a DLQ record's key, value and headers may take: below the broker's and the producer's 1 MB
     * defaults (message.max.bytes, max.request.size) with room for the record's own overhead.
     */
    static final int MAX_RECORD_BYTES = 1_000_000;
    /** Reason headers are one line each; longer text is cut. */
    static final int MAX_REASON_CHARS = 1_000;

    /** Why a record was rejected, as a metric tag and header value. */
    public enum Code {
        UNDECODABLE("undecodable"),
        INVALID("invalid-event"),
        KEY_MISMATCH("key-mismatch"),
        CONFLICT("conflicting-duplicate"),
        HISTORY_FULL("history-full");

        private final String tag;

        Code(String tag) {
            this.tag = tag;
        }

        public String tag() {
            return tag;
        }
    }

    /** The DLQ record for the record being processed, with the reason headers added to its own. */
    static <K, V> Record<Void, TaskOutput> of(ProcessorContext<K, V> context, Record<byte[], byte[]> input, Code code,
            String reason, String errorClass) {
        Headers headers = input.headers();
        describe(headers, code.tag(), reason, errorClass, context.recordMetadata().orElse(null));
        byte[] value = fit(input.key(), input.value(), headers);
        return new Record<>(null, new DeadLetter(input.key(), value), input.timestamp(), headers);
    }

    /**
     * Adds the reason headers (reason cut to {@link #MAX_REASON_CHARS}, code, error class) and, when known, the
     * source coordinates; every DLQ record carries them, whoever sets it aside.
     */
    static void describe(Headers headers, String code, String reason, String errorClass, RecordMetadata source) {
        put(headers, REASON, reason.length() <= MAX_REASON_CHARS ? reason : reason.substring(0, MAX_REASON_CHARS) + "...");
        put(headers, REASON_CODE, code);
        put(headers, ERROR_CLASS, errorClass);
        if (source != null) {
            put(headers, SOURCE_TOPIC, source.topic());
            put(headers, SOURCE_PARTITION, Integer.toString(source.partition()));
            put(headers, SOURCE_OFFSET, Long.toString(source.offset()));
        }
    }

    /**
     * The value as it fits one record beside its key and headers: whole when it does, else its first bytes,
     * with a {@link #TRUNCATED} header giving the original length (a record the broker refuses would stop the
     * app; the source topic still holds the whole record at the offset in the headers).
     */
    static byte[] fit(byte[] key, byte[] value, Headers headers) {
        if (value == null) {
            return null;
        }
        long other = key == null ? 0 : key.length;
        for (var h : headers) {
            other += h.key().length() + (h.value() == null ? 0 : h.value().length);
        }
        other += TRUNCATED.length() + 20;
        if (other + value.length <= MAX_RECORD_BYTES) {
            return value;
        }
        put(headers, TRUNCATED, Integer.toString(value.length));
        return java.util.Arrays.copyOf(value, (int) Math.max(0, MAX_RECORD_BYTES - other));
    }

    static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
