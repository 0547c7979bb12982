package dev.funnelstreams.ingest.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import dev.funnelstreams.core.config.ConfigException;
import dev.funnelstreams.core.yaml.YamlTree;
import dev.funnelstreams.ingest.source.InputFormat;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reads a mapping YAML, checks every key, loads the lookup files and compiles the rules; the errors of
 * all entries are reported together.
 */
final class MappingLoader {

    private final Path file;
    private final Path lookupDir;

    MappingLoader(Path file, Path lookupDir) {
        this.file = file;
        Path parent = file.toAbsolutePath().getParent();
        this.lookupDir = lookupDir != null ? lookupDir : parent;
    }

    Mapping load() {
        YamlNode root = new YamlNode(readTree(), "");
        List<String> errors = new ArrayList<>();
        check(errors, () -> root.onlyKeys(Set.of("name", "timezone", "lookups", "files")));
        YamlNode tz = root.get("timezone");
        ZoneId zone = collect(errors, () -> tz == null ? ZoneOffset.UTC : ValueParser.zone(tz));
        YamlNode nameNode = root.get("name");
        String name = collect(errors, () -> nameNode == null ? file.getFileName().toString() : nameNode.text());
        ZoneId z = zone == null ? ZoneOffset.UTC : zone;

        Map<String, LookupTable> lookups = new LinkedHashMap<>();
        YamlNode lk = root.get("lookups");
        List<String> lookupNames = lk == null ? List.of() : collect(errors, lk::fieldNames);
        for (String n : lookupNames == null ? List.<String>of() : lookupNames) {
            ValueParser onParser = new ValueParser(z, Map.of());
            LookupTable table = collect(errors, () -> new LookupLoader(lookupDir, onParser).load(n, lk.get(n)));
            if (table != null) {
                lookups.put(n, table);
            }
        }
        ValueParser values = new ValueParser(z, lookups);
        ConditionParser conditions = new ConditionParser(values, lookups);
        List<FileRule> files = new ArrayList<>();
        List<YamlNode> fileNodes = collect(errors, () -> root.require("files").list());
        for (YamlNode f : fileNodes == null ? List.<YamlNode>of() : fileNodes) {
            FileRule rule = fileRule(f, values, conditions, errors);
            if (rule != null) {
                files.add(rule);
            }
        }
        if (fileNodes != null && fileNodes.isEmpty()) {
            errors.add("files: needs at least one entry");
        }
        if (!errors.isEmpty()) {
            throw new MappingException(errors);
        }
        return new Mapping(name, files);
    }

    /** Runs one entry's parse; its error is recorded and null returned, so the next entry is still checked. */
    private static <T> T collect(List<String> errors, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (MappingException e) {
            errors.addAll(e.errors());
            return null;
        }
    }

    private static void check(List<String> errors, Runnable check) {
        collect(errors, () -> {
            check.run();
            return null;
        });
    }

    private JsonNode readTree() {
        JsonNode n;
        try {
            n = YamlTree.read(file);
        } catch (ConfigException e) {
            throw new MappingException(e.errors());
        }
        if (!n.isObject()) {
            throw new MappingException(file.toString(), "is not a YAML mapping");
        }
        return n;
    }

    /** A file rule, or null after recording its errors (one per event and reject rule, or the rule's own). */
    private static FileRule fileRule(YamlNode f, ValueParser values, ConditionParser conditions, List<String> errors) {
        int before = errors.size();
        FileRule rule = collect(errors, () -> fileRuleHead(f, values, conditions, errors));
        return errors.size() > before ? null : rule;
    }

    private static FileRule fileRuleHead(YamlNode f, ValueParser values, ConditionParser conditions,
            List<String> errors) {
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
                RejectRule rule = collect(errors, () -> {
                    r.onlyKeys(Set.of("when", "reason"));
                    return new RejectRule(conditions.parse(r.require("when")), r.require("reason").text());
                });
                if (rule != null) {
                    rejects.add(rule);
                }
            }
        }
        List<EventRule> events = new ArrayList<>();
        YamlNode ev = f.get("events");
        if (canonical && (ev != null || rj != null)) {
            throw new MappingException(f.child("canonical"), "a canonical file takes no events or reject rules");
        }
        if (!canonical) {
            List<YamlNode> eventNodes = f.require("events").list();
            for (YamlNode e : eventNodes) {
                EventRule rule = collect(errors, () -> eventRule(e, values, conditions));
                if (rule != null) {
                    events.add(rule);
                }
            }
            if (eventNodes.isEmpty()) {
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
