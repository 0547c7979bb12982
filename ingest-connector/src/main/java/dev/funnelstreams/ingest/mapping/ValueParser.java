package dev.funnelstreams.ingest.mapping;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles a value spec of the mapping YAML. A text is a template ({@code "lc-${id}"}, or a
 * constant when it has no {@code ${}}); an object takes one source ({@code column},
 * {@code lookup}+{@code column}, {@code const}, {@code template}) and optional {@code map},
 * {@code unmapped}, {@code ifEmpty}, {@code format}, {@code zone}.
 */
final class ValueParser {

    static final Set<String> KEYS =
            Set.of("column", "lookup", "const", "template", "map", "unmapped", "ifEmpty", "format", "zone");

    private final ZoneId defaultZone;
    private final Map<String, LookupTable> lookups;

    ValueParser(ZoneId defaultZone, Map<String, LookupTable> lookups) {
        this.defaultZone = defaultZone;
        this.lookups = lookups;
    }

    Value parse(YamlNode spec, FieldKind kind) {
        if (spec.node().isValueNode()) {
            Value v = spec.node().isTextual()
                    ? Values.template(spec.text(), spec.key())
                    : Values.constant(spec.text());
            return Conversions.of(v, kind, new TimeFormat(List.of(), defaultZone, spec.key()));
        }
        spec.onlyKeys(KEYS);
        return parseObject(spec, kind);
    }

    /** Parses an object spec; keys it does not know (a condition's operators) are left to the caller. */
    Value parseObject(YamlNode spec, FieldKind kind) {
        Value v = source(spec);
        YamlNode map = spec.get("map");
        YamlNode unmapped = spec.get("unmapped");
        if (map != null) {
            Map<String, String> labels = new LinkedHashMap<>();
            for (String label : map.fieldNames()) {
                YamlNode to = map.get(label);
                labels.put(label, to == null ? null : to.text());
            }
            String mode = unmapped == null ? "reject" : unmapped.text();
            if (!Set.of("reject", "keep", "empty").contains(mode)) {
                throw new MappingException(unmapped.key(), "must be reject, keep or empty");
            }
            v = Values.mapped(v, labels, mode);
        } else if (unmapped != null) {
            throw new MappingException(unmapped.key(), "only makes sense with map");
        }
        YamlNode ifEmpty = spec.get("ifEmpty");
        if (ifEmpty != null) {
            v = Values.ifEmpty(v, ifEmpty.text());
        }
        YamlNode format = spec.get("format");
        YamlNode zone = spec.get("zone");
        if ((format != null || zone != null) && kind != FieldKind.INSTANT && kind != FieldKind.DATE) {
            throw new MappingException(format != null ? format.key() : zone.key(),
                    "only applies to instant and date fields");
        }
        if (zone != null && kind == FieldKind.DATE) {
            throw new MappingException(zone.key(), "a date has no time zone");
        }
        ZoneId z = zone == null ? defaultZone : zone(zone);
        TimeFormat tf = new TimeFormat(format == null ? List.of() : format.texts(), z,
                format == null ? spec.key() : format.key());
        return Conversions.of(v, kind, tf);
    }

    private Value source(YamlNode spec) {
        YamlNode column = spec.get("column");
        YamlNode lookup = spec.get("lookup");
        YamlNode constant = spec.get("const");
        YamlNode template = spec.get("template");
        int sources = (column != null ? 1 : 0) + (constant != null ? 1 : 0) + (template != null ? 1 : 0);
        if (sources != 1) {
            throw new MappingException(spec.key(), "needs exactly one of column, const, template");
        }
        if (lookup != null) {
            LookupTable t = lookups.get(lookup.text());
            if (t == null) {
                throw new MappingException(lookup.key(),
                        "no lookup named '" + lookup.text() + "'; defined: " + lookups.keySet());
            }
            if (column == null) {
                throw new MappingException(spec.key(), "lookup needs column (the lookup file's column)");
            }
            return Values.lookup(t, column.text());
        }
        if (column != null) {
            return Values.column(column.text());
        }
        if (constant != null) {
            return Values.constant(constant.text());
        }
        return Values.template(template.text(), template.key());
    }

    static ZoneId zone(YamlNode n) {
        try {
            return ZoneId.of(n.text());
        } catch (DateTimeException e) {
            throw new MappingException(n.key(), "unknown time zone '" + n.text() + "'");
        }
    }
}
