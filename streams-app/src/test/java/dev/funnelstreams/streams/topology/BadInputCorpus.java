package dev.funnelstreams.streams.topology;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.funnelstreams.avro.ChannelSpend;
import dev.funnelstreams.avro.ChannelSpendKey;
import dev.funnelstreams.avro.LeadEvent;
import dev.funnelstreams.core.event.Rfc3339;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * The bad-input corpus of {@code src/test/resources/bad-input/}: the manifest {@code corpus.tsv}, the writer
 * schemas its records are encoded with, and the bytes of each record. JSON lines are encoded with a plain
 * generic writer (no logical-type checks), so values the app's own serializer would refuse (a null id, an
 * amount beyond decimal(18,2), an event type the app does not know) reach the topic as a foreign producer
 * would send them.
 */
final class BadInputCorpus {

    static final Path DIR = Path.of("src/test/resources/bad-input");
    /** Outcomes that are not a DLQ reason code. */
    static final Set<String> NOT_REJECTED = Set.of("accepted", "duplicate");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One line of the manifest. */
    record Entry(int line, String file, String topic, String key, String schema, String expect, String reason) {

        boolean rejected() {
            return !NOT_REJECTED.contains(expect);
        }

        boolean lead() {
            return topic.equals("lead");
        }

        @Override
        public String toString() {
            return "corpus.tsv:" + line + " " + file + " (" + topic + ", key " + key + ", schema " + schema + ")";
        }
    }

    /** A record ready to produce: the entry and its key and value bytes (either may be null). */
    record Encoded(Entry entry, byte[] key, byte[] value) {
    }

    private BadInputCorpus() {
    }

    static List<Entry> load() {
        try {
            List<Entry> out = new ArrayList<>();
            List<String> lines = Files.readAllLines(DIR.resolve("corpus.tsv"));
            for (int i = 0; i < lines.size(); i++) {
                String l = lines.get(i);
                if (l.isBlank() || l.startsWith("#")) {
                    continue;
                }
                String[] c = l.split("\t", -1);
                if (c.length != 6) {
                    throw new IllegalArgumentException("corpus.tsv:" + (i + 1) + ": 6 tab-separated columns expected: " + l);
                }
                out.add(new Entry(i + 1, c[0], c[1], c[2], c[3], c[4], c[5]));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JSON line of a {@code .json} entry. */
    static String line(Entry e) {
        try {
            return Files.readString(DIR.resolve(e.file()), StandardCharsets.UTF_8).strip();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    // ---- writer schemas

    /**
     * The Avro writer schemas the manifest names, besides the app's own: ids and occurredAt that may be null
     * (the app's schema has no way to send a missing id), a seventh event type, fields the types do not define,
     * money at another decimal scale.
     */
    static Map<String, Schema> avroWriters() {
        Map<String, Schema> w = new LinkedHashMap<>();
        w.put("LeadEvent", LeadEvent.getClassSchema());
        w.put("ChannelSpend", ChannelSpend.getClassSchema());
        w.put("LeadEvent-nullable", edit(LeadEvent.getClassSchema(), s -> {
            for (JsonNode f : s.get("fields")) {
                if (Set.of("eventId", "leadId", "occurredAt").contains(f.get("name").asText())) {
                    ((ObjectNode) f).set("type", JSON.createArrayNode().add("null").add(f.get("type")));
                }
            }
        }));
        w.put("LeadEvent-with-LeadMerged", edit(LeadEvent.getClassSchema(), s -> ((ArrayNode) s.get("fields").get(3)
                .get("type")).add(json("{\"type\":\"record\",\"name\":\"LeadMerged\",\"fields\":"
                        + "[{\"name\":\"intoLeadId\",\"type\":\"string\"}]}"))));
        w.put("LeadEvent-with-extras", withExtras());
        w.put("ChannelSpend-nullable", edit(ChannelSpend.getClassSchema(), s ->
                ((ObjectNode) s.get("fields").get(0)).set("type", json("[\"null\",\"string\"]"))));
        w.put("ChannelSpend-with-clicks", edit(ChannelSpend.getClassSchema(), s -> ((ArrayNode) s.get("fields"))
                .add(json("{\"name\":\"clicks\",\"type\":\"int\"}"))));
        // money at scale 4: Avro alone would read its unscaled values at the app's scale 2 (x100)
        w.put("ChannelSpend-money-scale-4", new Schema.Parser().parse(ChannelSpend.getClassSchema().toString()
                .replace("\"scale\":2", "\"scale\":4")));
        return w;
    }

    /** LeadEvent as a newer CRM writes it: a top-level source_url and a note on OwnerChanged. */
    private static Schema withExtras() {
        try {
            return IgnoredFieldsTopologyTest.writerWithExtras();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Registers the writers in the registry under subjects of their own (a writer's compatibility with the
     * topic's subject is not what is tested), plus a JSON Schema, a Protobuf schema and an Avro schema with a
     * reference through the Confluent-compatible API; returns schema name -> id.
     */
    static Map<String, Integer> register(String registryUrl, String prefix) throws Exception {
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (Map.Entry<String, Schema> w : avroWriters().entrySet()) {
            ids.put(w.getKey(), post(registryUrl, prefix + "-" + w.getKey(), JSON.createObjectNode()
                    .put("schema", w.getValue().toString())));
        }
        ids.put("JSON-Schema", post(registryUrl, prefix + "-json", JSON.createObjectNode().put("schemaType", "JSON")
                .put("schema", "{\"type\":\"object\",\"properties\":{\"leadId\":{\"type\":\"string\"}}}")));
        ids.put("PROTOBUF", post(registryUrl, prefix + "-proto", JSON.createObjectNode().put("schemaType", "PROTOBUF")
                .put("schema", "syntax = \"proto3\";\npackage corpus;\nmessage LeadEvent { string lead_id = 1; }\n")));
        String money = "{\"type\":\"record\",\"name\":\"Money\",\"namespace\":\"corpus\",\"fields\":[{\"name\":\"units\","
                + "\"type\":\"long\"}]}";
        post(registryUrl, prefix + "-money", JSON.createObjectNode().put("schema", money));
        ObjectNode referencing = JSON.createObjectNode().put("schema", "{\"type\":\"record\",\"name\":\"Spend\","
                + "\"namespace\":\"corpus\",\"fields\":[{\"name\":\"amount\",\"type\":\"corpus.Money\"}]}");
        referencing.set("references", json("[{\"name\":\"corpus.Money\",\"subject\":\"" + prefix
                + "-money\",\"version\":1}]"));
        ids.put("Avro-with-references", post(registryUrl, prefix + "-references", referencing));
        return ids;
    }

    private static int post(String registryUrl, String subject, ObjectNode body) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(registryUrl + "/subjects/" + subject + "/versions"))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("registering " + subject + ": HTTP " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body()).get("id").asInt();
    }

    // ---- record bytes

    /** The key and value of {@code e}; {@code spendKey} encodes an Avro spend key as the app's producer does. */
    static Encoded encode(Entry e, Map<String, Integer> ids, Function<ChannelSpendKey, byte[]> spendKey) {
        return new Encoded(e, key(e, spendKey), value(e, ids));
    }

    private static byte[] value(Entry e, Map<String, Integer> ids) {
        if (e.file().equals("(null)")) {
            return null;
        }
        if (e.file().endsWith(".bin")) {
            byte[] bytes = read(e.file());
            if (!e.schema().equals("-")) {
                ByteBuffer.wrap(bytes).putInt(1, id(ids, e));
            }
            return bytes;
        }
        Schema writer = avroWriters().get(e.schema());
        if (writer == null) {
            throw new IllegalArgumentException(e + ": unknown writer schema");
        }
        return wire(id(ids, e), writer, record(writer, json(line(e))));
    }

    private static int id(Map<String, Integer> ids, Entry e) {
        Integer id = ids.get(e.schema());
        if (id == null) {
            throw new IllegalArgumentException(e + ": no registered schema " + e.schema());
        }
        return id;
    }

    private static byte[] key(Entry e, Function<ChannelSpendKey, byte[]> spendKey) {
        String k = e.key();
        if (k.equals("none")) {
            return null;
        }
        if (k.equals("empty")) {
            return new byte[0];
        }
        if (k.startsWith("lead:")) {
            return k.substring(5).getBytes(StandardCharsets.UTF_8);
        }
        if (k.startsWith("raw:")) {
            return read(k.substring(4));
        }
        if (k.startsWith("spend:")) {
            String[] p = k.substring(6).split("\\|", -1);
            return spendKey.apply(new ChannelSpendKey(p[0], p[1], LocalDate.parse(p[2])));
        }
        if (k.equals("value")) {
            JsonNode v = json(line(e));
            if (e.lead()) {
                return v.get("leadId").asText().getBytes(StandardCharsets.UTF_8);
            }
            return spendKey.apply(new ChannelSpendKey(v.get("channel").asText(), v.path("campaign").asText(""),
                    LocalDate.parse(v.get("date").asText())));
        }
        throw new IllegalArgumentException(e + ": unknown key spec");
    }

    private static byte[] read(String file) {
        try {
            return Files.readAllBytes(DIR.resolve(file));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static byte[] wire(int id, Schema writer, GenericData.Record record) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(0);
            out.write(ByteBuffer.allocate(4).putInt(id).array());
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            new GenericDatumWriter<GenericData.Record>(writer).write(record, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * A canonical JSON line as a record of {@code writer}: the envelope's fields from the line's top level, the
     * payload branch named by its {@code type}, whose fields also come from the top level (the JSON form is flat).
     */
    static GenericData.Record record(Schema writer, JsonNode line) {
        GenericData.Record r = new GenericData.Record(writer);
        for (Schema.Field f : writer.getFields()) {
            if (f.name().equals("payload")) {
                String type = line.get("type").asText();
                Schema branch = f.schema().getTypes().stream().filter(t -> t.getName().equals(type)).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("no payload branch " + type + " in " + writer));
                r.put("payload", record(branch, line));
            } else {
                r.put(f.name(), value(f, line.get(f.name())));
            }
        }
        return r;
    }

    private static Object value(Schema.Field f, JsonNode v) {
        Schema s = f.schema();
        if (v == null || v.isNull()) {
            if (s.getType() == Schema.Type.UNION || f.hasDefaultValue()) {
                return s.getType() == Schema.Type.UNION ? null : GenericData.get().getDefaultValue(f);
            }
            throw new IllegalArgumentException("field " + f.name() + " is required by its schema");
        }
        if (s.getType() == Schema.Type.UNION) {
            s = s.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).findFirst().orElseThrow();
        }
        return value(s, v);
    }

    private static Object value(Schema s, JsonNode v) {
        if (s.getLogicalType() instanceof LogicalTypes.Decimal d) {
            BigDecimal amount = new BigDecimal(v.asText()).setScale(d.getScale());
            return ByteBuffer.wrap(amount.unscaledValue().toByteArray());
        }
        if (s.getLogicalType() instanceof LogicalTypes.TimestampMillis) {
            return Rfc3339.parse(v.asText()).toEpochMilli();
        }
        if (s.getLogicalType() instanceof LogicalTypes.Date) {
            return (int) LocalDate.parse(v.asText()).toEpochDay();
        }
        return switch (s.getType()) {
            case STRING -> v.asText();
            case BOOLEAN -> v.asBoolean();
            case INT -> v.asInt();
            case LONG -> v.asLong();
            case RECORD -> record(s, v);
            default -> throw new IllegalArgumentException("no JSON mapping for " + s);
        };
    }

    private static Schema edit(Schema schema, java.util.function.Consumer<ObjectNode> change) {
        ObjectNode s = (ObjectNode) json(schema.toString());
        change.accept(s);
        return new Schema.Parser().parse(s.toString());
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
