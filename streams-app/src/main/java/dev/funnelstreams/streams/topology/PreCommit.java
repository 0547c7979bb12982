package dev.funnelstreams.streams.topology;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.internals.InternalProcessorContext;
import org.apache.kafka.streams.processor.internals.ProcessorNode;
import org.apache.kafka.streams.processor.internals.ProcessorRecordContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

/**
 * Runs a processor's flush just before each commit of its task, inside the transaction that commits
 * the inputs, as that processor: what a processor forwards there is committed with the records that
 * caused it, so nothing it holds in memory between commits needs a store.
 *
 * <p>Kafka Streams has no public hook for this. It is the one KTable caching uses: before a task
 * commits (and before it suspends or closes cleanly) it flushes the cache of every store that is a
 * {@code CachedStateStore} ({@code ProcessorStateManager.flushCache}, then the record collector, then
 * the offsets and the transaction); a cache flush forwards as its processor node
 * ({@code TimestampedCacheFlushListener}). This class is the only place that touches those internals
 * (Kafka 4.4.0): {@link #around} wraps a key-value store so that its cache flush first calls the
 * processor registered with {@link #register}. {@code PreCommitTest} (the test driver commits after
 * every record) and the killed-app ITs pin the behaviour; a Kafka upgrade that changes it fails them.
 *
 * <p>The hooks of one task run in the order its stores were registered, so a hook must not forward to a
 * processor that itself holds records for its own hook (that one may have run already). Here each hook
 * forwards only to sinks: the lead task's held lead-state records and its delta buffer, the cell task's
 * renders.
 */
public final class PreCommit {

    /**
     * What a processor holds for its hook is bounded: past this many entries (sums, cells, leads) it forwards
     * them at once, within the transaction as ever.
     */
    public static final int MAX_HELD = 50_000;

    private PreCommit() {
    }

    /** The store builder {@code inner}, whose store calls back before every commit of its task. */
    public static StoreBuilder<KeyValueStore<Bytes, byte[]>> around(StoreBuilder<KeyValueStore<Bytes, byte[]>> inner) {
        return new Builder(inner);
    }

    /**
     * Calls {@code flush} before every commit of this processor's task, with this processor as the
     * current node (so {@code context.forward} reaches its children). {@code storeName}: a store of
     * this processor built with {@link #around}. Call from {@code init}.
     */
    public static void register(ProcessorContext<?, ?> context, String storeName, Runnable flush) {
        InternalProcessorContext<?, ?> internal = (InternalProcessorContext<?, ?>) context;
        ProcessorNode<?, ?, ?, ?> node = internal.currentNode();
        Store store = unwrap(context.getStateStore(storeName));
        store.beforeCommit = () -> {
            ProcessorNode<?, ?, ?, ?> previousNode = internal.currentNode();
            ProcessorRecordContext previousContext = internal.recordContext();
            internal.setCurrentNode(node);
            if (previousContext == null) {   // nothing processed yet since the task started
                internal.setRecordContext(new ProcessorRecordContext(0L, -1L, -1, null, new RecordHeaders()));
            }
            try {
                flush.run();
            } finally {
                internal.setCurrentNode(previousNode);
                internal.setRecordContext(previousContext);
            }
        };
    }

    /** Processors get their stores behind read-write decorators: the wrapper is under them. */
    private static Store unwrap(StateStore store) {
        StateStore s = store;
        while (!(s instanceof Store) && s instanceof WrappedStateStore<?, ?, ?> w) {
            s = w.wrapped();
        }
        if (!(s instanceof Store found)) {
            throw new IllegalStateException("store " + store.name() + " is not built with PreCommit.around");
        }
        return found;
    }

    /** The wrapper: a key-value store that delegates everything and runs the hook on a cache flush. */
    static final class Store extends WrappedStateStore<KeyValueStore<Bytes, byte[]>, Bytes, byte[]>
            implements KeyValueStore<Bytes, byte[]> {

        private volatile Runnable beforeCommit;

        Store(KeyValueStore<Bytes, byte[]> inner) {
            super(inner);
        }

        @Override
        public void flushCache() {
            Runnable hook = beforeCommit;
            if (hook != null) {
                hook.run();
            }
            super.flushCache();
        }

        @Override
        public void close() {
            beforeCommit = null;
            super.close();
        }

        @Override
        public void put(Bytes key, byte[] value) {
            wrapped().put(key, value);
        }

        @Override
        public byte[] putIfAbsent(Bytes key, byte[] value) {
            return wrapped().putIfAbsent(key, value);
        }

        @Override
        public void putAll(List<KeyValue<Bytes, byte[]>> entries) {
            wrapped().putAll(entries);
        }

        @Override
        public byte[] delete(Bytes key) {
            return wrapped().delete(key);
        }

        @Override
        public byte[] get(Bytes key) {
            return wrapped().get(key);
        }

        @Override
        public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
            return wrapped().range(from, to);
        }

        @Override
        public KeyValueIterator<Bytes, byte[]> reverseRange(Bytes from, Bytes to) {
            return wrapped().reverseRange(from, to);
        }

        @Override
        public KeyValueIterator<Bytes, byte[]> all() {
            return wrapped().all();
        }

        @Override
        public KeyValueIterator<Bytes, byte[]> reverseAll() {
            return wrapped().reverseAll();
        }

        @Override
        public <PS extends Serializer<P>, P> KeyValueIterator<Bytes, byte[]>
                prefixScan(P prefix, PS prefixKeySerializer) {
            return wrapped().prefixScan(prefix, prefixKeySerializer);
        }

        @Override
        public long approximateNumEntries() {
            return wrapped().approximateNumEntries();
        }
    }

    private record Builder(StoreBuilder<KeyValueStore<Bytes, byte[]>> inner)
            implements StoreBuilder<KeyValueStore<Bytes, byte[]>> {

        @Override
        public StoreBuilder<KeyValueStore<Bytes, byte[]>> withCachingEnabled() {
            return new Builder(inner.withCachingEnabled());
        }

        @Override
        public StoreBuilder<KeyValueStore<Bytes, byte[]>> withCachingDisabled() {
            return new Builder(inner.withCachingDisabled());
        }

        @Override
        public StoreBuilder<KeyValueStore<Bytes, byte[]>> withLoggingEnabled(Map<String, String> config) {
            return new Builder(inner.withLoggingEnabled(config));
        }

        @Override
        public StoreBuilder<KeyValueStore<Bytes, byte[]>> withLoggingDisabled() {
            return new Builder(inner.withLoggingDisabled());
        }

        @Override
        public KeyValueStore<Bytes, byte[]> build() {
            return new Store(inner.build());
        }

        @Override
        public Map<String, String> logConfig() {
            return inner.logConfig();
        }

        @Override
        public boolean loggingEnabled() {
            return inner.loggingEnabled();
        }

        @Override
        public String name() {
            return inner.name();
        }
    }
}
