package dev.funnelstreams.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;

/**
 * A registry held in memory, for tests and benchmarks of code that uses the serdes (never the app). Ids are global and shared by
 * subjects, as in Confluent; registration enforces BACKWARD compatibility with the latest version.
 * Main code so that `funnel bench serde` uses it too.
 */
public final class InMemorySchemaRegistryClient implements SchemaRegistryClient {

    private final Map<Integer, Schema> byId = new HashMap<>();
    private final Map<Schema, Integer> idOf = new HashMap<>();
    private final Map<String, List<Integer>> subjects = new HashMap<>();
    private final AtomicInteger getByIdCalls = new AtomicInteger();
    private int nextId = 1;

    @Override
    public synchronized int register(String subject, Schema schema) {
        List<Integer> versions = subjects.computeIfAbsent(subject, s -> new ArrayList<>());
        Integer existing = idOf.get(schema);
        if (existing != null && versions.contains(existing)) {
            return existing;
        }
        if (!versions.isEmpty()) {
            Schema latest = byId.get(versions.get(versions.size() - 1));
            var result = SchemaCompatibility.checkReaderWriterCompatibility(schema, latest).getResult();
            if (result.getCompatibility() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
                throw new IncompatibleSchemaException("schema " + schema.getFullName() + " for subject '" + subject
                        + "' rejected as incompatible by mem://: " + result.getIncompatibilities(), 409, 409, "mem://");
            }
        }
        int id = existing != null ? existing : nextId++;
        byId.put(id, schema);
        idOf.put(schema, id);
        versions.add(id);
        return id;
    }

    /** Registers {@code schema} under {@code subject} with a chosen id, e.g. to check byte order. */
    public synchronized int register(String subject, Schema schema, int id) {
        byId.put(id, schema);
        idOf.put(schema, id);
        subjects.computeIfAbsent(subject, s -> new ArrayList<>()).add(id);
        return id;
    }

    @Override
    public synchronized int lookup(String subject, Schema schema) {
        Integer id = idOf.get(schema);
        if (id == null || !subjects.getOrDefault(subject, List.of()).contains(id)) {
            throw new SchemaNotFoundException("schema " + schema.getFullName() + " under subject '" + subject
                    + "' not found at mem://", 404, 40403, "mem://");
        }
        return id;
    }

    @Override
    public synchronized Schema getById(int id) {
        getByIdCalls.incrementAndGet();
        Schema schema = byId.get(id);
        if (schema == null) {
            throw new SchemaNotFoundException("schema id " + id + " not found at mem://", 404, 40403, "mem://");
        }
        return schema;
    }

    @Override
    public synchronized RegisteredSchema getLatest(String subject) {
        List<Integer> versions = subjects.get(subject);
        if (versions == null || versions.isEmpty()) {
            throw new SchemaNotFoundException("subject '" + subject + "' not found at mem://", 404, 40401, "mem://");
        }
        int id = versions.get(versions.size() - 1);
        return new RegisteredSchema(subject, id, versions.size(), byId.get(id));
    }

    /** Number of {@link #getById} calls so far, to check that callers cache. */
    public int getByIdCalls() {
        return getByIdCalls.get();
    }
}
