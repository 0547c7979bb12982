package dev.funnelstreams.core.metrics.view;

/**
 * One record of an output topic: a key record and a value record whose components carry the
 * field names of SPEC section 4 ({@link RecordJson} renders them).
 */
public record OutputRecord(OutputTopic topic, Object key, Object value) {
}
