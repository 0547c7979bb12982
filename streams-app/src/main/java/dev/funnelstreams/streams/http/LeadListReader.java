package dev.funnelstreams.streams.http;

import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.lead.LeadRecord;
import dev.funnelstreams.core.lead.LeadState;
import dev.funnelstreams.core.metrics.view.LeadStateValue;
import dev.funnelstreams.core.metrics.view.RecordJson;
import dev.funnelstreams.streams.StoreNames;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads one partition of the lead store for the lead list: the current states (lead-state values,
 * no contact data) of the leads that match the query's filters, from the cursor on in key order,
 * at most {@code limit + 1} (one more than a page, so the merge knows whether another page
 * follows). Entries are leadId and the state's JSON, both UTF-8.
 */
final class LeadListReader implements StoreScan.PartitionReader {

    private final FunnelConfig config;

    LeadListReader(FunnelConfig config) {
        this.config = config;
    }

    @Override
    public List<byte[][]> read(LocalStores local, int partition, StoreScan.Query query) {
        LeadListQuery q = LeadListQuery.ofSelect(query.select());
        ReadOnlyKeyValueStore<String, LeadRecord> store = local.store(StoreNames.LEAD_HISTORIES, partition);
        List<byte[][]> out = new ArrayList<>();
        // range(from, null) is open-ended; from is inclusive, so the cursor's own lead is skipped below
        try (KeyValueIterator<String, LeadRecord> it = q.after() == null ? store.all() : store.range(q.after(), null)) {
            while (it.hasNext() && out.size() <= q.limit()) {
                KeyValue<String, LeadRecord> kv = it.next();
                if (kv.value == null || kv.value.size() == 0 || kv.key.equals(q.after())) {
                    continue;
                }
                LeadState state = kv.value.state(config);
                if (q.matches(state)) {
                    out.add(new byte[][] {kv.key.getBytes(StandardCharsets.UTF_8),
                            RecordJson.write(LeadStateValue.of(state)).getBytes(StandardCharsets.UTF_8)});
                }
            }
        }
        return out;
    }

    /** Orders scanned entries as the store orders keys: by the leadId's UTF-8 bytes. */
    static int byKey(byte[][] a, byte[][] b) {
        return Bytes.BYTES_LEXICO_COMPARATOR.compare(a[0], b[0]);
    }
}
