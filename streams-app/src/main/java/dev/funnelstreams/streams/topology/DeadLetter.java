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
public record DeadLetter(byte[] key, byte[] value) {

    public static final String REASON = "funnel.dlq.reason";
    public static final String REASON_CODE = "funnel.dlq.reason.code";
    public static final String ERROR_CLASS = "funnel.dlq.error.class";
    public static final String SOURCE_TOPIC = "funnel.dlq.source.topic";
    public static final String SOURCE_PARTITION = "funnel.dlq.source.partition";
    public static final String SOURCE_OFFSET = "funnel.dlq.source.offset";

    /** Why a record was rejected, as a metric tag and header value. */
    public enum Code {
        UNDECODABLE("undecodable"),
        INVALID("invalid-event"),
        KEY_MISMATCH("key-mismatch"),
        CONFLICT("conflicting-duplicate");

        private final String tag;

        Code(String tag) {
            this.tag = tag;
        }

        public String tag() {
            return tag;
        }
    }

    /** The DLQ record for the record being processed, with the reason headers added to its own. */
    static <K, V> Record<Object, Object> of(ProcessorContext<K, V> context, Record<byte[], byte[]> input, Code code,
            String reason, String errorClass) {
        Headers headers = input.headers();
        put(headers, REASON, reason);
        put(headers, REASON_CODE, code.tag());
        put(headers, ERROR_CLASS, errorClass);
        context.recordMetadata().ifPresent((RecordMetadata m) -> {
            put(headers, SOURCE_TOPIC, m.topic());
            put(headers, SOURCE_PARTITION, Integer.toString(m.partition()));
            put(headers, SOURCE_OFFSET, Long.toString(m.offset()));
        });
        return new Record<>(input.key(), new DeadLetter(input.key(), input.value()), input.timestamp(), headers);
    }

    static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
