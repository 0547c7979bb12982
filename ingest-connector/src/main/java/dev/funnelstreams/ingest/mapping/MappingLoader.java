package dev.funnelstreams.ingest.mapping;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.funnelstreams.ingest.source.InputFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Reads a mapping YAML, checks every key, loads the lookup files and compiles the rules. */
final class MappingLoader {

    private static final ObjectMapper YAML = new ObjectMapper(
            YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());

    private final Path file;
    private final Path lookupDir;

    MappingLoader(Path file, Path lookupDir) {
        this.file = file;
        Path parent = file.toAbsolutePath().getParent();
        this.lookupDir = lookupDir != null ? lookupDir : parent;
    }

    Mapping load() {
        YamlNode root = new YamlNode(readTree(), "");
        root.onlyKeys(Set.of("name", "timezone", "lookups", "files"));
        YamlNode tz = root.get("timezone");
        ZoneId zone = tz == null ? ZoneOffset.UTC : ValueParser.zone(tz);
        YamlNode nameNode = root.get("name");
        String name = nameNode == null ? file.getFileName().toString() : nameNode.text();

        Map<String, LookupTable> lookups = new LinkedHashMap<>();
        YamlNode lk = root.get("lookups");
        if (lk != null) {
            for (String n : lk.fieldNames()) {
                ValueParser onParser = new ValueParser(zone, Map.of());
                lookups.put(n, new LookupLoader(lookupDir, onParser).load(n, lk.get(n)));
            }
        }
        ValueParser values = new ValueParser(zone, lookups);
        ConditionParser conditions = new ConditionParser(values, lookups);
        List<FileRule> files = new ArrayList<>();
        for (YamlNode f : root.require("files").list()) {
            files.add(fileRule(f, values, conditions));
        }
        if (files.isEmpty()) {
            throw new MappingException("files", "needs at least one entry");
        }
        return new Mapping(name, files);
    }

    private JsonNode readTree() {
        try {
            JsonNode n = YAML.readTree(Files.readString(file));
            if (n == null || !n.isObject()) {
                throw new MappingException(file.toString(), "is not a YAML mapping");
            }
            return n;
        } catch (JsonProcessingException e) {
            throw new MappingException(file.toString(), "not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MappingException(file.toString(), "cannot be read: " + e);
        }
    }

    private static FileRule fileRule(YamlNode f, ValueParser values, ConditionParser conditions) {
        f.onlyKeys(Set.of("match", "format", "delimiter", "canonical", "reject", "events"));
        String match = f.require("match").text();
        InputFormat format = null;
        YamlNode fmt = f.get("format");
        if (fmt != null) {
            try {
                format = InputFormat.valueOf(fmt.text().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new MappingException(fmt.key(), "must be csv or jsonl");
            }
        }
        char delimiter = delimiter(f.get("delimiter"));
        YamlNode canonicalNode = f.get("canonical");
        boolean canonical = canonicalNode != null && canonicalNode.bool();
        List<RejectRule> rejects = new ArrayList<>();
        YamlNode rj = f.get("reject");
        if (rj != null) {
            for (YamlNode r : rj.list()) {
                r.onlyKeys(Set.of("when", "reason"));
                rejects.add(new RejectRule(conditions.parse(r.require("when")), r.require("reason").text()));
            }
        }
        List<EventRule> events = new ArrayList<>();
        YamlNode ev = f.get("events");
        if (canonical && (ev != null || rj != null)) {
            throw new MappingException(f.child("canonical"), "a canonical file takes no events or reject rules");
        }
        if (!canonical) {
            for (YamlNode e : f.require("events").list()) {
                events.add(eventRule(e, values, conditions));
            }
            if (events.isEmpty()) {
                throw new MappingException(f.child("events"), "needs at least one event");
            }
        }
        return new FileRule(f.key(), match, format, delimiter, canonical, rejects, events);
    }

    private static char delimiter(YamlNode d) {
        if (d == null) {
            return ',';
        }
        String s = d.text().equals("\\t") ? "\t" : d.text();
        if (s.length() != 1 || s.equals("\"") || s.equals("\n") || s.equals("\r")) {
            throw new MappingException(d.key(), "must be one character other than a quote or line break");
        }
        return s.charAt(0);
    }

    private static EventRule eventRule(YamlNode e, ValueParser values, ConditionParser conditions) {
        YamlNode typeNode = e.require("type");
        EventShape shape;
        try {
            shape = EventShape.valueOf(typeNode.text());
        } catch (IllegalArgumentException ex) {
            throw new MappingException(typeNode.key(), "unknown event type '" + typeNode.text() + "'; allowed: "
                    + List.of(EventShape.values()));
        }
        Set<String> allowed = new java.util.HashSet<>(shape.fields().keySet());
        allowed.add("type");
        allowed.add("when");
        e.onlyKeys(allowed);
        YamlNode when = e.get("when");
        Condition c = when == null ? Condition.ALWAYS : conditions.parse(when);
        Map<String, Value> fields = new LinkedHashMap<>();
        for (Map.Entry<String, FieldKind> f : shape.fields().entrySet()) {
            YamlNode spec = e.get(f.getKey());
            if (spec != null) {
                fields.put(f.getKey(), values.parse(spec, f.getValue()));
            } else if (shape.required().contains(f.getKey())) {
                throw new MappingException(e.child(f.getKey()), "is required for " + shape.name());
            }
        }
        return new EventRule(e.key(), shape, c, fields);
    }
}
