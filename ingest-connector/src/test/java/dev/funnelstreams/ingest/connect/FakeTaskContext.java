package dev.funnelstreams.ingest.connect;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/** A task context whose offset store is a map; {@link #commit} stores a record's offset like the worker does. */
final class FakeTaskContext implements SourceTaskContext {

    final Map<Map<String, Object>, Map<String, Object>> offsets = new HashMap<>();

    void commit(SourceRecord r) {
        @SuppressWarnings("unchecked")
        Map<String, Object> p = (Map<String, Object>) r.sourcePartition();
        @SuppressWarnings("unchecked")
        Map<String, Object> o = (Map<String, Object>) r.sourceOffset();
        offsets.put(p, o);
    }

    @Override
    public Map<String, String> configs() {
        return Map.of();
    }

    @Override
    public org.apache.kafka.common.metrics.PluginMetrics pluginMetrics() {
        throw new UnsupportedOperationException("no metrics in unit tests");
    }

    @Override
    public OffsetStorageReader offsetStorageReader() {
        return new OffsetStorageReader() {
            @Override
            public <T> Map<String, Object> offset(Map<String, T> partition) {
                return offsets.get(partition);
            }

            @Override
            public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
                Map<Map<String, T>, Map<String, Object>> out = new HashMap<>();
                partitions.forEach(p -> out.put(p, offsets.get(p)));
                return out;
            }
        };
    }
}
