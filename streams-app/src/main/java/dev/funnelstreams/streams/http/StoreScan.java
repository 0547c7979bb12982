package dev.funnelstreams.streams.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnelstreams.core.config.Dimension;
import dev.funnelstreams.core.metrics.CellKey;
import dev.funnelstreams.core.metrics.StageFlowKey;
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
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Reads a store from all its partitions, wherever each lives: each partition once, from its
 * active instance (or, during a rebalance, a standby: stale), this instance's partitions locally
 * and the others' through {@code GET /internal/scan} on their instance, in parallel. A key lives
 * in exactly one partition, so the merge is a union of raw key/value bytes.
 */
final class StoreScan {

    /**
     * What to read: a store, key prefixes (empty: every key), a filter on the cell keys, and named
     * parameters for a store's own reader (the lead list's filters and page; empty for the others).
     */
    record Query(String store, List<byte[]> prefixes, CellFilter filter, Map<String, String> select) {

        Query {
            select = Map.copyOf(select);
        }

        Query(String store, List<byte[]> prefixes, CellFilter filter) {
            this(store, prefixes, filter, Map.of());
        }

        /** {@link #select} as one query parameter value: base64url of its JSON (empty map: empty text). */
        String selectParam() {
            if (select.isEmpty()) {
                return "";
            }
            try {
                return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(new TreeMap<>(select)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The inverse of {@link #selectParam}; an IllegalArgumentException when it is not one. */
        static Map<String, String> parseSelect(String param) {
            if (param.isEmpty()) {
                return Map.of();
            }
            try {
                return JSON.readValue(Base64.getUrlDecoder().decode(param),
                        new com.fasterxml.jackson.core.type.TypeReference<Map<String, String>>() { });
            } catch (IOException e) {
                throw new IllegalArgumentException("select: not base64url JSON of text values", e);
            }
        }
    }

    /** Raw entries of a scan, and whether any partition was read from a copy that is not current. */
    record Scanned(List<byte[][]> entries, boolean stale) {
    }

    /** The answer of one instance for some partitions: entries as base64 key/value pairs. */
    record Part(boolean stale, List<Integer> unavailable, List<List<String>> entries) {
    }

    /** How this instance reads one partition of one store: raw key/value pairs (the store's own encoding). */
    interface PartitionReader {
        /** @throws InvalidStateStoreException when this instance holds no copy of the partition */
        List<byte[][]> read(LocalStores local, int partition, Query query);
    }

    /** A store that can be scanned: the topic whose partitions are its partitions, and its reader. */
    record Scannable(String sourceTopic, PartitionReader reader) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getEncoder();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    private final KafkaStreams streams;
    private final LocalStores local;
    private final Peers peers;
    private final HostInfo self;
    private final Map<String, Scannable> stores;

    StoreScan(KafkaStreams streams, LocalStores local, Peers peers, HostInfo self, Map<String, Scannable> stores) {
        this.streams = streams;
        this.local = local;
        this.peers = peers;
        this.self = self;
        this.stores = Map.copyOf(stores);
    }

    Scanned scan(Query query, Optional<String> authorization) {
        Scannable store = scannable(query.store());
        Map<HostInfo, List<Integer>> plan = new LinkedHashMap<>();
        Map<Integer, List<HostInfo>> standbys = new HashMap<>();
        boolean stale = plan(query.store(), store.sourceTopic(), plan, standbys);
        Map<HostInfo, CompletableFuture<HttpResponse<byte[]>>> remote = new HashMap<>();
        plan.forEach((host, partitions) -> {
            if (!host.equals(self)) {
                remote.put(host, ask(host, query, partitions, authorization));
            }
        });
        List<Part> parts = new ArrayList<>();
        if (plan.containsKey(self)) {
            parts.add(local(query, plan.get(self)));
        }
        remote.forEach((host, future) -> parts.add(awaitOrStandbys(host, future, query, plan.get(host), standbys,
                authorization)));
        Set<Integer> unavailable = new TreeSet<>();
        List<byte[][]> entries = new ArrayList<>();
        for (Part p : parts) {
            stale |= p.stale();
            unavailable.addAll(p.unavailable());
            for (List<String> kv : p.entries()) {
                entries.add(new byte[][] {B64D.decode(kv.get(0)), B64D.decode(kv.get(1))});
            }
        }
        if (!unavailable.isEmpty()) {
            throw HttpError.notReadable("partitions " + unavailable + " of store " + query.store()
                    + " are not readable right now (rebalancing or restoring); try again");
        }
        return new Scanned(entries, stale);
    }

    /** This instance's answer for {@code partitions} (the internal endpoint and the local part of a scan). */
    Part local(Query query, Collection<Integer> partitions) {
        Scannable store = scannable(query.store());
        boolean stale = false;
        List<Integer> unavailable = new ArrayList<>();
        List<List<String>> entries = new ArrayList<>();
        for (int p : partitions) {
            List<byte[][]> found;
            try {
                found = store.reader().read(local, p, query);
            } catch (InvalidStateStoreException e) {
                unavailable.add(p);
                continue;
            }
            found.forEach(kv -> entries.add(List.of(B64.encodeToString(kv[0]), B64.encodeToString(kv[1]))));
            stale |= !local.isCurrent(store.sourceTopic(), p);
        }
        return new Part(stale, unavailable, entries);
    }

    private Scannable scannable(String store) {
        Scannable s = stores.get(store);
        if (s == null) {
            throw HttpError.notFound("store " + store + " cannot be scanned");
        }
        return s;
    }

    /**
     * Which instance answers for which partition, and every standby of each partition (in {@code standbys});
     * true when some partition has no active instance (stale).
     */
    private boolean plan(String store, String sourceTopic, Map<HostInfo, List<Integer>> plan,
            Map<Integer, List<HostInfo>> standbys) {
        TreeMap<Integer, HostInfo> active = new TreeMap<>();
        TreeMap<Integer, HostInfo> standby = new TreeMap<>();
        for (StreamsMetadata m : Instances.metadata(streams, store)) {
            partitions(m.topicPartitions(), sourceTopic).forEach(p -> active.put(p, m.hostInfo()));
            partitions(m.standbyTopicPartitions(), sourceTopic).forEach(p -> {
                standby.putIfAbsent(p, m.hostInfo());
                standbys.computeIfAbsent(p, k -> new ArrayList<>()).add(m.hostInfo());
            });
        }
        int n = partitionCount(store);
        if (n < 0) {
            n = Math.max(active.isEmpty() ? 0 : active.lastKey() + 1, standby.isEmpty() ? 0 : standby.lastKey() + 1);
        }
        if (n == 0) {
            throw HttpError.unavailable("no instance holds store " + store + " yet (starting or rebalancing); try again");
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
            throw HttpError.unavailable("partitions " + missing + " of store " + store + " have no instance right now"
                    + " (rebalancing); try again");
        }
        return stale;
    }

    private static List<Integer> partitions(Set<TopicPartition> tps, String topic) {
        return tps.stream().filter(tp -> tp.topic().equals(topic)).map(TopicPartition::partition).toList();
    }

    /** The store's partition count, learnt from the partitioner Kafka Streams calls for a key lookup; -1 if unknown. */
    private int partitionCount(String store) {
        AtomicInteger n = new AtomicInteger(-1);
        StreamPartitioner<byte[], Object> probe = (topic, key, value, numPartitions) -> {
            n.set(numPartitions);
            return Optional.of(Set.of(0));
        };
        Instances.keyMetadata(() -> streams.queryMetadataForKey(store, new byte[] {0}, probe), streams);
        return n.get();
    }

    private CompletableFuture<HttpResponse<byte[]>> ask(HostInfo host, Query query, List<Integer> partitions,
            Optional<String> authorization) {
        return peers.get(host, "/internal/scan?store=" + query.store()
                + "&prefix=" + query.prefixes().stream().map(Base64.getUrlEncoder()::encodeToString)
                        .collect(Collectors.joining(","))
                + "&filter=" + query.filter().name()
                + (query.select().isEmpty() ? "" : "&select=" + query.selectParam())
                + "&partitions=" + partitions.stream().map(String::valueOf).collect(Collectors.joining(",")),
                authorization);
    }

    /**
     * The answer of {@code host} for {@code partitions}; if it does not answer at all (killed, and still in the
     * group metadata until its session times out), the partitions' standby copies answer instead, marked stale,
     * as a lead lookup does. Without standbys, or when a standby does not answer either, the 503 stands.
     */
    private Part awaitOrStandbys(HostInfo host, CompletableFuture<HttpResponse<byte[]>> future, Query query,
            List<Integer> partitions, Map<Integer, List<HostInfo>> standbys, Optional<String> authorization) {
        try {
            return await(host, future);
        } catch (HttpError unreachable) {
            if (future.isDone() && !future.isCompletedExceptionally()) {
                throw unreachable; // it answered (a 503 or 401 of its own): not a dead instance
            }
            Map<HostInfo, List<Integer>> fallback = new LinkedHashMap<>();
            for (int p : partitions) {
                HostInfo other = standbys.getOrDefault(p, List.of()).stream().filter(h -> !h.equals(host))
                        .findFirst().orElseThrow(() -> unreachable);
                fallback.computeIfAbsent(other, h -> new ArrayList<>()).add(p);
            }
            List<Integer> unavailable = new ArrayList<>();
            List<List<String>> entries = new ArrayList<>();
            fallback.forEach((other, ps) -> {
                Part part = other.equals(self) ? local(query, ps) : await(other, ask(other, query, ps, authorization));
                unavailable.addAll(part.unavailable());
                entries.addAll(part.entries());
            });
            return new Part(true, unavailable, entries);
        }
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
            // 401 from a peer: the instances are configured with different tokens, a deployment error
            throw new HttpError(response.statusCode() == 401 ? 502 : 503, "instance " + Peers.address(host)
                    + " answered " + response.statusCode() + ": " + new String(response.body(), StandardCharsets.UTF_8));
        }
        try {
            return JSON.readValue(response.body(), Part.class);
        } catch (IOException e) {
            throw new UncheckedIOException("instance " + Peers.address(host) + " sent an unreadable scan answer", e);
        }
    }

    /** Which cells a scan of the cell store keeps; an enum so that it travels in the internal request. */
    enum CellFilter implements Predicate<CellKey<?>> {
        /** Every cell under the prefixes. */
        ANY {
            @Override
            public boolean test(CellKey<?> k) {
                return true;
            }
        },
        /** Only the stage-flow cells of dimension {@code all} (the list of periods reads these). */
        TOTALS {
            @Override
            public boolean test(CellKey<?> k) {
                return k instanceof StageFlowKey s && s.dimension().equals(Dimension.ALL);
            }
        }
    }
}
