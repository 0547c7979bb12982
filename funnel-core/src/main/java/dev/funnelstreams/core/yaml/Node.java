package dev.funnelstreams.core.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML node with its key path ({@code funnel.stages[2].stallAfter}) and the file's {@link Problems}.
 * Every typed read records what is wrong under the node's path and returns the default, so a reader
 * goes on and the user sees all errors of a file at once. An absent key and an explicit {@code null}
 * are the same: not present.
 */
public record Node(JsonNode json, String path, Problems problems) {

    public Node {
        json = json == null ? MissingNode.getInstance() : json;
    }

    /** The top of a file or of a section. */
    public static Node root(JsonNode json, String path, Problems problems) {
        return new Node(json, path, problems);
    }

    public boolean present() {
        return !json.isMissingNode() && !json.isNull();
    }

    /** The value under {@code key}, not present when this is no mapping or has no such key. */
    public Node get(String key) {
        return new Node(json.isObject() ? json.get(key) : null, child(key), problems);
    }

    /** The path of a key below this node. */
    public String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** Records a problem at this node's path. */
    public void error(String problem) {
        problems.at(path, problem);
    }

    /**
     * True when this is a mapping; records "must be a mapping of {@code what}" when it is present but
     * something else.
     */
    public boolean isMapping(String what) {
        if (json.isObject()) {
            return true;
        }
        if (present()) {
            error("must be a mapping of " + what + " (got " + show(json) + ")");
        }
        return false;
    }

    /** The keys of a mapping in file order (none for anything else). */
    public List<String> keys() {
        List<String> out = new ArrayList<>();
        if (json.isObject()) {
            json.fieldNames().forEachRemaining(out::add);
        }
        return out;
    }

    /** The items of a list with their paths ({@code key[0]}, ...); records an error for a non-list. */
    public List<Node> items(String what) {
        List<Node> out = new ArrayList<>();
        if (!present()) {
            return out;
        }
        if (!json.isArray()) {
            error("must be a list of " + what + " (got " + show(json) + ")");
            return out;
        }
        for (int i = 0; i < json.size(); i++) {
            out.add(new Node(json.get(i), path + "[" + i + "]", problems));
        }
        return out;
    }

    /** Records every key of this mapping that is not in {@code allowed}, with a "did you mean" for a near miss. */
    public void onlyKeys(Collection<String> allowed) {
        for (String name : keys()) {
            if (!allowed.contains(name)) {
                problems.at(child(name), "unknown key (" + Suggest.hint(name, allowed) + "allowed: "
                        + String.join(", ", allowed) + ")");
            }
        }
    }

    /** A scalar as text (numbers and booleans as written), or {@code dflt} when not present. */
    public String text(String dflt) {
        if (!present()) {
            return dflt;
        }
        if (!json.isValueNode()) {
            error("must be a single value (got " + show(json) + ")");
            return dflt;
        }
        return json.asText();
    }

    /** A whole number {@code >= min}, or {@code dflt} when not present or wrong. */
    public int integer(int min, int dflt) {
        if (!present()) {
            return dflt;
        }
        if (!json.isIntegralNumber() || !json.canConvertToInt() || json.intValue() < min) {
            error("must be an integer >= " + min + " (got " + show(json) + ")");
            return dflt;
        }
        return json.intValue();
    }

    /** {@code true} or {@code false}, or {@code dflt} when not present or wrong. */
    public boolean bool(boolean dflt) {
        if (!present()) {
            return dflt;
        }
        if (!json.isBoolean()) {
            error("must be true or false (got " + show(json) + ")");
            return dflt;
        }
        return json.booleanValue();
    }

    /** An ISO-8601 duration such as {@code PT1S}, {@code PT5M} or {@code P1D}, or {@code dflt}. */
    public Duration duration(Duration dflt) {
        String text = text(null);
        if (text == null) {
            return dflt;
        }
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            error("must be an ISO-8601 duration such as PT1S, PT5M or P1D (got " + show(json) + ")");
            return dflt;
        }
    }

    /** A mapping of names to single values (client properties), in file order. */
    public Map<String, String> scalars(String what) {
        Map<String, String> out = new LinkedHashMap<>();
        if (!isMapping(what)) {
            return out;
        }
        for (String key : keys()) {
            String value = get(key).text(null);
            if (value != null) {
                out.put(key, value);
            }
        }
        return out;
    }

    /** A value as an error message shows it: text in quotes, numbers as written, "a list" or "a mapping". */
    public static String show(JsonNode node) {
        if (node.isContainerNode()) {
            return node.isArray() ? "a list" : "a mapping";
        }
        return node.isTextual() ? "\"" + node.textValue() + "\"" : node.asText();
    }
}
