package dev.funnelstreams.bench;

import dev.funnelstreams.registry.RegisteredSchema;
import dev.funnelstreams.registry.SchemaNotFoundException;
import dev.funnelstreams.registry.SchemaRegistryClient;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * A schema registry held in memory, so that {@code funnel bench serde} measures the serde and not a registry: ids
 * are global, every subject accepts every schema (no compatibility check). The tests' fuller
 * {@code InMemorySchemaRegistryClient} lives in registry-serde's test jar, which a user command does not ship.
 */
final class MemoryRegistryClient implements SchemaRegistryClient {

    private final Map<Integer, Schema> byId = new HashMap<>();
    private final Map<Schema, Integer> idOf = new HashMap<>();
    private final Map<String, List<Integer>> subjects = new HashMap<>();

    @Override
    public synchronized int register(String subject, Schema schema) {
        int id = idOf.computeIfAbsent(schema, s -> idOf.size() + 1);
        byId.put(id, schema);
        subjects.computeIfAbsent(subject, s -> new java.util.ArrayList<>()).add(id);
        return id;
    }

    @Override
    public synchronized int lookup(String subject, Schema schema) {
        Integer id = idOf.get(schema);
        if (id == null || !subjects.getOrDefault(subject, List.of()).contains(id)) {
            throw new SchemaNotFoundException("schema " + schema.getFullName() + " under subject '" + subject
                    + "' not found in memory", 404, 40403, "mem://");
        }
        return id;
    }

    @Override
    public synchronized Schema getById(int id) {
        Schema s = byId.get(id);
        if (s == null) {
            throw new SchemaNotFoundException("schema id " + id + " not found in memory", 404, 40403, "mem://");
        }
        return s;
    }

    @Override
    public synchronized RegisteredSchema getLatest(String subject) {
        List<Integer> versions = subjects.get(subject);
        if (versions == null || versions.isEmpty()) {
            throw new SchemaNotFoundException("subject '" + subject + "' not found in memory", 404, 40401, "mem://");
        }
        int id = versions.get(versions.size() - 1);
        return new RegisteredSchema(subject, id, versions.size(), byId.get(id));
    }
}
