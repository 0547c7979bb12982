package dev.funnelstreams.registry;

import org.apache.avro.Schema;

/**
 * The few Schema Registry operations the Avro serdes need. Implementations cache ids and schemas
 * and are safe for concurrent use.
 */
public interface SchemaRegistryClient {

    /** Registers {@code schema} under {@code subject} (idempotent) and returns its global id. */
    int register(String subject, Schema schema);

    /**
     * Returns the id of {@code schema} if it is already registered under {@code subject};
     * throws {@link SchemaNotFoundException} otherwise. Used when auto.register.schemas=false.
     */
    int lookup(String subject, Schema schema);

    /** Returns the schema with the given global id; throws {@link SchemaNotFoundException} if unknown. */
    Schema getById(int id);

    /** Returns the latest version registered under {@code subject}. Not cached. */
    RegisteredSchema getLatest(String subject);
}
