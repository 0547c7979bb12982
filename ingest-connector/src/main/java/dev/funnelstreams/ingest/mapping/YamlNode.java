package dev.funnelstreams.ingest.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import dev.funnelstreams.core.yaml.Suggest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A node of the mapping YAML with its key path, so that every error names where it is. A mapping's
 * rules are compiled by parsers that stop at their first problem (a {@link MappingException}); the
 * loader collects one such error per entry (lookup, file rule, event, reject rule), so a file's errors
 * in different entries are all reported at once.
 */
record YamlNode(JsonNode node, String key) {

    YamlNode get(String field) {
        JsonNode n = node.get(field);
        return n == null || n.isNull() ? null : new YamlNode(n, key.isEmpty() ? field : key + "." + field);
    }

    YamlNode require(String field) {
        YamlNode n = get(field);
        if (n == null) {
            throw new MappingException(key.isEmpty() ? field : key + "." + field, "is required");
        }
        return n;
    }

    String text() {
        if (!node.isValueNode()) {
            throw new MappingException(key, "must be a text value");
        }
        return node.asText();
    }

    boolean bool() {
        if (!node.isBoolean()) {
            throw new MappingException(key, "must be true or false");
        }
        return node.asBoolean();
    }

    List<YamlNode> list() {
        if (!node.isArray()) {
            throw new MappingException(key, "must be a list");
        }
        List<YamlNode> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            out.add(new YamlNode(node.get(i), key + "[" + i + "]"));
        }
        return out;
    }

    /** The text items of a scalar or a list of scalars. */
    List<String> texts() {
        if (node.isArray()) {
            return list().stream().map(YamlNode::text).toList();
        }
        return List.of(text());
    }

    List<String> fieldNames() {
        if (!node.isObject()) {
            throw new MappingException(key, "must be a mapping of keys to values");
        }
        List<String> out = new ArrayList<>();
        Iterator<String> it = node.fieldNames();
        it.forEachRemaining(out::add);
        return out;
    }

    /** Fails on the first key not in {@code allowed}, with a "did you mean" for a near miss and what is allowed. */
    void onlyKeys(Set<String> allowed) {
        List<String> sorted = allowed.stream().sorted().toList();
        for (String f : fieldNames()) {
            if (!allowed.contains(f)) {
                throw new MappingException(child(f), "unknown key (" + Suggest.hint(f, sorted) + "allowed: "
                        + String.join(", ", sorted) + ")");
            }
        }
    }

    String child(String field) {
        return key.isEmpty() ? field : key + "." + field;
    }
}
