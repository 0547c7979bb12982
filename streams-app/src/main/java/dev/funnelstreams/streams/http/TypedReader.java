package dev.funnelstreams.streams.http;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads every entry of one partition of a typed store (a small one, or one whose entries are all
 * wanted) and passes it on in the store's own serde encoding, so another instance decodes it the
 * same way. Entries the filter rejects stay on the instance.
 */
final class TypedReader<K, V> implements StoreScan.PartitionReader {

    private final String store;
    private final Serde<K> keys;
    private final Serde<V> values;
    private final Predicate<V> keep;

    TypedReader(String store, Serde<K> keys, Serde<V> values, Predicate<V> keep) {
        this.store = store;
        this.keys = keys;
        this.values = values;
        this.keep = keep;
    }

    @Override
    public List<byte[][]> read(LocalStores local, int partition, StoreScan.Query query) {
        ReadOnlyKeyValueStore<K, V> s = local.store(store, partition);
        List<byte[][]> out = new ArrayList<>();
        try (KeyValueIterator<K, V> it = s.all()) {
            it.forEachRemaining(kv -> {
                if (kv.value != null && keep.test(kv.value)) {
                    out.add(new byte[][] {keys.serializer().serialize(store, kv.key),
                            values.serializer().serialize(store, kv.value)});
                }
            });
        }
        return out;
    }

    /** A scanned value back to its type. */
    V value(byte[][] entry) {
        return values.deserializer().deserialize(store, entry[1]);
    }

    K key(byte[][] entry) {
        return keys.deserializer().deserialize(store, entry[0]);
    }
}
