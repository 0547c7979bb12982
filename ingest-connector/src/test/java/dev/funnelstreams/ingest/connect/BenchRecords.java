package dev.funnelstreams.ingest.connect;

import dev.funnelstreams.ingest.pipeline.MappedRow;
import dev.funnelstreams.registry.InMemorySchemaRegistryClient;
import dev.funnelstreams.registry.KafkaAvroSerializer;
import java.util.Map;

/** The task's record building with an in-memory registry, for the benchmark. */
public final class BenchRecords {

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    private final RecordFactory factory = new RecordFactory("crm.lead-events", "crm.channel-spend", "crm.rejected",
            new KafkaAvroSerializer<>(registry), new KafkaAvroSerializer<>(registry), new KafkaAvroSerializer<>(registry));
    private final Map<String, Object> partition = Map.of("file", "bench.csv");

    /** Builds the row's source records and returns how many there are. */
    public int count(MappedRow row) {
        return factory.records(partition, "bench.csv", row, row.line() - 1).size();
    }
}
