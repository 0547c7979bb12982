package dev.funnelstreams.streams.topology;

import dev.funnelstreams.registry.SchemaRegistryClient;
import dev.funnelstreams.registry.WireFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;

/**
 * Finds lead events whose writer sent a payload type the app does not define (SPEC section 6: unknown type).
 * Avro's union resolution does not fail on such a branch: it reads it as the first reader branch whose fields
 * it can fill from defaults, and every field of {@code LeadCreated} has one, so a writer's {@code LeadMerged}
 * would arrive as an empty LeadCreated. For the writer schemas whose payload union has a branch the reader's
 * lacks (found once per schema id; the app's own schema has none), the record is read again as the writer
 * wrote it to learn its branch.
 */
final class PayloadTypes {

    private final SchemaRegistryClient client;
    private final Set<String> known;
    /** schema id -> a reader of the writer's own schema when its payload has branches the app lacks, else empty. */
    private final Map<Integer, Optional<GenericDatumReader<GenericRecord>>> writers = new HashMap<>();

    PayloadTypes(SchemaRegistryClient client, Schema reader) {
        this.client = client;
        this.known = reader.getField("payload").schema().getTypes().stream().map(Schema::getName)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The payload type's name when the writer sent one the app does not define; call after a successful decode. */
    Optional<String> unknown(byte[] value) {
        int id = WireFormat.schemaId(value);
        Optional<GenericDatumReader<GenericRecord>> writer = writers.computeIfAbsent(id, i -> readerIfUnknownBranches(
                client.getById(i)));
        if (writer.isEmpty()) {
            return Optional.empty();
        }
        GenericRecord record;
        try {
            record = writer.get().read(null, DecoderFactory.get().binaryDecoder(value, WireFormat.HEADER_LENGTH,
                    value.length - WireFormat.HEADER_LENGTH, null));
        } catch (IOException e) {
            // the app's reader has just decoded these bytes with this writer schema: not expected
            throw new UncheckedIOException(e);
        }
        String type = record.get("payload") instanceof GenericRecord p ? p.getSchema().getName() : null;
        return type == null || known.contains(type) ? Optional.empty() : Optional.of(type);
    }

    /** Names of the types the app defines, for a reason text. */
    String knownTypes() {
        return known.stream().sorted().collect(Collectors.joining(", "));
    }

    private Optional<GenericDatumReader<GenericRecord>> readerIfUnknownBranches(Schema writer) {
        Schema.Field payload = writer.getType() == Schema.Type.RECORD ? writer.getField("payload") : null;
        if (payload == null || payload.schema().getType() != Schema.Type.UNION) {
            return Optional.empty();
        }
        boolean unknownBranch = payload.schema().getTypes().stream()
                .anyMatch(t -> t.getType() == Schema.Type.RECORD && !known.contains(t.getName()));
        return unknownBranch ? Optional.of(new GenericDatumReader<>(writer)) : Optional.empty();
    }
}
