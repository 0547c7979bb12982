package dev.funnelstreams.streams.http;

import dev.funnelstreams.core.metrics.CellKey;
import dev.funnelstreams.core.metrics.CellTotals;
import dev.funnelstreams.core.metrics.Contributions;
import dev.funnelstreams.core.metrics.Counter;
import dev.funnelstreams.streams.StoreNames;
import dev.funnelstreams.streams.state.CellCodec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.BytesSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** Reads the cell-totals store: prefix scans of one partition, and raw entries back to the core's cells. */
final class CellReader implements StoreScan.PartitionReader {

    @Override
    public List<byte[][]> read(LocalStores local, int partition, StoreScan.Query query) {
        ReadOnlyKeyValueStore<Bytes, byte[]> store = local.store(StoreNames.CELL_TOTALS, partition);
        List<byte[][]> found = new ArrayList<>();
        for (byte[] prefix : query.prefixes()) {
            try (KeyValueIterator<Bytes, byte[]> it = store.prefixScan(Bytes.wrap(prefix), new BytesSerializer())) {
                it.forEachRemaining(kv -> {
                    if (query.filter().test(CellCodec.decodeKey(kv.key.get()))) {
                        found.add(new byte[][] {kv.key.get(), kv.value});
                    }
                });
            }
        }
        return found;
    }

    /** The scanned entries as summed cells, ready for the core's renderers. */
    static CellTotals cells(StoreScan.Scanned scanned) {
        Map<CellKey<?>, Counter<?>> cells = new HashMap<>();
        for (byte[][] kv : scanned.entries()) {
            cells.put(CellCodec.decodeKey(kv[0]), CellCodec.decodeCounter(kv[1]));
        }
        CellTotals totals = new CellTotals();
        totals.add(Contributions.of(cells));
        return totals;
    }
}
