package dev.funnelstreams.ingest.mapping;

import dev.funnelstreams.ingest.source.SourceRow;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Compiles a {@code when:} condition: a list (all must hold), {@code all}/{@code any}/{@code not},
 * {@code {lookup: X, found: true}}, or a value spec with one operator: {@code equals},
 * {@code in}, {@code notEmpty}, {@code empty}, {@code matches} (a regex on the whole text).
 */
final class ConditionParser {

    private static final Set<String> OPS = Set.of("equals", "in", "notEmpty", "empty", "matches");

    private final ValueParser values;
    private final Map<String, LookupTable> lookups;

    ConditionParser(ValueParser values, Map<String, LookupTable> lookups) {
        this.values = values;
        this.lookups = lookups;
    }

    Condition parse(YamlNode n) {
        if (n.node().isArray()) {
            return all(n.list().stream().map(this::parse).toList());
        }
        List<String> keys = n.fieldNames();
        if (keys.equals(List.of("all"))) {
            return all(n.require("all").list().stream().map(this::parse).toList());
        }
        if (keys.equals(List.of("any"))) {
            List<Condition> cs = n.require("any").list().stream().map(this::parse).toList();
            return row -> cs.stream().anyMatch(c -> c.test(row));
        }
        if (keys.equals(List.of("not"))) {
            Condition c = parse(n.require("not"));
            return row -> !c.test(row);
        }
        if (keys.contains("found")) {
            return found(n);
        }
        Set<String> allowed = new HashSet<>(ValueParser.KEYS);
        allowed.addAll(OPS);
        n.onlyKeys(allowed);
        List<String> ops = keys.stream().filter(OPS::contains).toList();
        if (ops.size() != 1) {
            throw new MappingException(n.key(), "needs exactly one of " + OPS.stream().sorted().toList()
                    + " (or all/any/not, or lookup+found)");
        }
        Value subject = values.parseObject(n, FieldKind.TEXT);
        YamlNode op = n.require(ops.get(0));
        return switch (ops.get(0)) {
            case "equals" -> {
                String want = op.text();
                yield row -> want.equals(subject.eval(row));
            }
            case "in" -> {
                Set<String> set = Set.copyOf(op.texts());
                yield row -> {
                    String v = subject.eval(row);
                    return v != null && set.contains(v);
                };
            }
            case "notEmpty" -> {
                boolean want = op.bool();
                yield row -> (subject.eval(row) != null) == want;
            }
            case "empty" -> {
                boolean want = op.bool();
                yield row -> (subject.eval(row) == null) == want;
            }
            default -> {
                Pattern p = regex(op);
                yield row -> {
                    String v = subject.eval(row);
                    return v != null && p.matcher(v).matches();
                };
            }
        };
    }

    private Condition found(YamlNode n) {
        n.onlyKeys(Set.of("lookup", "found"));
        YamlNode name = n.require("lookup");
        LookupTable t = lookups.get(name.text());
        if (t == null) {
            throw new MappingException(name.key(), "no lookup named '" + name.text() + "'; defined: " + lookups.keySet());
        }
        boolean want = n.require("found").bool();
        return row -> (t.find(row) != null) == want;
    }

    private static Condition all(List<Condition> cs) {
        return (SourceRow row) -> {
            for (Condition c : cs) {
                if (!c.test(row)) {
                    return false;
                }
            }
            return true;
        };
    }

    private static Pattern regex(YamlNode op) {
        try {
            return Pattern.compile(op.text());
        } catch (PatternSyntaxException e) {
            throw new MappingException(op.key(), "bad regular expression: " + e.getDescription());
        }
    }
}
