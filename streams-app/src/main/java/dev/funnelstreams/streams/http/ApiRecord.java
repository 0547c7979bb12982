package dev.funnelstreams.streams.http;

import dev.funnelstreams.core.metrics.view.OutputRecord;

/**
 * One output record in the API, {@code {"key":{...},"value":{...}}}: the same shape and field
 * names as a line of the batch files (SPEC section 7) and a record of the output topic.
 */
record ApiRecord(Object key, Object value) {

    static ApiRecord of(OutputRecord r) {
        return new ApiRecord(r.key(), r.value());
    }
}
