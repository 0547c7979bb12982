package dev.funnelstreams.streams.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnelstreams.core.config.Dimension;
import dev.funnelstreams.core.metrics.CellKey;
import dev.funnelstreams.core.metrics.CellTotals;
import dev.funnelstreams.core.metrics.Contributions;
import dev.funnelstreams.core.metrics.Counter;
import dev.funnelstreams.core.metrics.StageFlowKey;
import dev.funnelstreams.streams.StoreNames;
import dev.funnelstreams.streams.state.CellCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.BytesSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads the metric cells under a key prefix from every partition of the cell-totals store,
 * wherever each partition lives: each partition once, from its active instance (or, during a
 * rebalance, a standby: stale), this instance's partitions locally and the others' through
 * {@code GET /internal/cells} on their instance, in parallel. Every cell lives in exactly one
 * partition, so the merge is a union.
 */
final class CellScan {

    /** Cells of the scan, and whether any partition was read from a copy that is not current. */
    record Scanned(CellTotals cells, boolean stale) {
    }

    /** The answer of one instance for some partitions: cells as base64 key/value pairs. */
    record Part(boolean stale, List<Integer> unavailable, List<List<String>> cells) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getEncoder();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    private final KafkaStreams streams;
    private final LocalStores local;
    private final Peers peers;
    private final HostInfo self;
    private final String sourceTopic;

    /**
     * @param sourceTopic the topic whose partitions are the store's (the cell-deltas repartition topic)
     */
    CellScan(KafkaStreams streams, LocalStores local, Peers peers, HostInfo self, String sourceTopic) {
        this.streams = streams;
        this.local = local;
        this.peers = peers;
        this.self = self;
        this.sourceTopic = sourceTopic;
    }

    /** All cells whose store key starts with one of the {@code prefixes} and whose decoded key passes {@code filter}. */
    Scanned scan(List<byte[]> prefixes, CellFilter filter, Optional<String> authorization) {
        Map<HostInfo, List<Integer>> plan = new LinkedHashMap<>();
        boolean stale = plan(plan);
        Map<HostInfo, CompletableFuture<HttpResponse<byte[]>>> remote = new HashMap<>();
        plan.forEach((host, partitions) -> {
            if (!host.equals(self)) {
                remote.put(host, peers.get(host, "/internal/cells?prefix=" + prefixes.stream()
                        .map(Base64.getUrlEncoder()::encodeToString).collect(Collectors.joining(","))
                        + "&filter=" + filter.name() + "&partitions=" + partitions.stream().map(String::valueOf)
                        .collect(Collectors.joining(",")), authorization));
            }
        });
        List<Part> parts = new ArrayList<>();
        if (plan.containsKey(self)) {
            parts.add(local(prefixes, plan.get(self), filter));
        }
        remote.forEach((host, future) -> parts.add(await(host, future)));
        CellTotals totals = new CellTotals();
        Set<Integer> unavailable = new TreeSet<>();
        Map<CellKey<?>, Counter<?>> cells = new HashMap<>();
        for (Part p : parts) {
            stale |= p.stale();
            unavailable.addAll(p.unavailable());
            for (List<String> kv : p.cells()) {
                cells.put(CellCodec.decodeKey(B64D.decode(kv.get(0))), CellCodec.decodeCounter(B64D.decode(kv.get(1))));
            }
        }
        if (!unavailable.isEmpty()) {
            throw HttpError.unavailable("partitions " + unavailable + " of the metric store are not readable right now"
                    + " (rebalancing or restoring); try again");
        }
        totals.add(Contributions.of(cells));
        return new Scanned(totals, stale);
    }

    /** This instance's answer for {@code partitions} (the internal endpoint and the local part of a scan). */
    Part local(List<byte[]> prefixes, Collection<Integer> partitions, CellFilter filter) {
        boolean stale = false;
        List<Integer> unavailable = new ArrayList<>();
        List<List<String>> cells = new ArrayList<>();
        for (int p : partitions) {
            List<List<String>> found = new ArrayList<>();
            try {
                ReadOnlyKeyValueStore<Bytes, byte[]> store = local.store(StoreNames.CELL_TOTALS, p);
                for (byte[] prefix : prefixes) {
                    try (KeyValueIterator<Bytes, byte[]> it = store.prefixScan(Bytes.wrap(prefix), new BytesSerializer())) {
                        it.forEachRemaining(kv -> {
                            if (filter.test(CellCodec.decodeKey(kv.key.get()))) {
                                found.add(List.of(B64.encodeToString(kv.key.get()), B64.encodeToString(kv.value)));
                            }
                        });
                    }
                }
            } catch (InvalidStateStoreException e) {
                unavailable.add(p);
                continue;
            }
            cells.addAll(found);
            stale |= !local.isCurrent(sourceTopic, p);
        }
        return new Part(stale, unavailable, cells);
    }

    /** Which instance answers for which partition; true when some partition has no active instance (stale). */
    private boolean plan(Map<HostInfo, List<Integer>> plan) {
        Collection<StreamsMetadata> all = Instances.metadata(streams, StoreNames.CELL_TOTALS);
        TreeMap<Integer, HostInfo> active = new TreeMap<>();
        TreeMap<Integer, HostInfo> standby = new TreeMap<>();
        for (StreamsMetadata m : all) {
            partitions(m.topicPartitions()).forEach(p -> active.put(p, m.hostInfo()));
            partitions(m.standbyTopicPartitions()).forEach(p -> standby.putIfAbsent(p, m.hostInfo()));
        }
        int n = partitionCount();
        if (n < 0) {
            n = Math.max(active.isEmpty() ? 0 : active.lastKey() + 1, standby.isEmpty() ? 0 : standby.lastKey() + 1);
        }
        if (n == 0) {
            throw HttpError.unavailable("no instance holds the metric store yet (starting or rebalancing); try again");
        }
        boolean stale = false;
        List<Integer> missing = new ArrayList<>();
        for (int p = 0; p < n; p++) {
            HostInfo host = active.get(p);
            if (host == null) {
                host = standby.get(p);
                stale = true;
            }
            if (host == null) {
                missing.add(p);
            } else {
                plan.computeIfAbsent(host, h -> new ArrayList<>()).add(p);
            }
        }
        if (!missing.isEmpty()) {
            throw HttpError.unavailable("partitions " + missing + " of the metric store have no instance right now"
                    + " (rebalancing); try again");
        }
        return stale;
    }

    private List<Integer> partitions(Set<TopicPartition> tps) {
        return tps.stream().filter(tp -> tp.topic().equals(sourceTopic)).map(TopicPartition::partition).toList();
    }

    /** The store's partition count, learnt from the partitioner Kafka Streams calls for a key lookup; -1 if unknown. */
    private int partitionCount() {
        AtomicInteger n = new AtomicInteger(-1);
        StreamPartitioner<byte[], Object> probe = (topic, key, value, numPartitions) -> {
            n.set(numPartitions);
            return Optional.of(Set.of(0));
        };
        Instances.keyMetadata(() -> streams.queryMetadataForKey(StoreNames.CELL_TOTALS, new byte[] {0}, probe), streams);
        return n.get();
    }

    private static Part await(HostInfo host, CompletableFuture<HttpResponse<byte[]>> future) {
        HttpResponse<byte[]> response;
        try {
            response = future.get(15, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw HttpError.unavailable("instance " + Peers.address(host) + " did not answer ("
                    + (e.getCause() == null ? e : e.getCause()).getClass().getSimpleName() + "); try again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw HttpError.unavailable("interrupted");
        }
        if (response.statusCode() != 200) {
            throw new HttpError(response.statusCode() == 401 ? 502 : 503, "instance " + Peers.address(host)
                    + " answered " + response.statusCode() + ": " + new String(response.body(), StandardCharsets.UTF_8));
        }
        try {
            return JSON.readValue(response.body(), Part.class);
        } catch (IOException e) {
            throw new UncheckedIOException("instance " + Peers.address(host) + " sent an unreadable cell list", e);
        }
    }

    /** Which decoded cells a scan keeps; an enum so that it travels in the internal request. */
    enum CellFilter implements Predicate<CellKey<?>> {
        /** Every cell under the prefix. */
        ANY {
            @Override
            public boolean test(CellKey<?> k) {
                return true;
            }
        },
        /** Only the cells of dimension {@code all} (the list of periods reads these). */
        TOTALS {
            @Override
            public boolean test(CellKey<?> k) {
                return k instanceof StageFlowKey s && s.dimension().equals(Dimension.ALL);
            }
        }
    }
}
