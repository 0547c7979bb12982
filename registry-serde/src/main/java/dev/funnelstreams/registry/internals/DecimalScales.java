package dev.funnelstreams.registry.internals;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * Whether Avro's resolution would read a writer's decimals at the reader's scale. A decimal's bytes carry only
 * its unscaled value, and resolution takes the scale from the reader: a writer's decimal(18, 3) value 1.230
 * reads as 12.30, a {@code bytes} or {@code string} value (promoted to bytes) as a number nobody wrote. Nothing
 * in Avro or the registry's compatibility check refuses such a writer, so the deserializer asks this first.
 */
public final class DecimalScales {

    private DecimalScales() {
    }

    /**
     * Where the reader has a decimal that {@code writer} writes with another scale or not as a decimal (e.g.
     * {@code LeadEvent.payload.LeadCreated.estimatedValue: the writer's decimal scale is 3, the reader's 2}), or
     * null when every such field matches.
     */
    public static String mismatch(Schema writer, Schema reader) {
        return walk(writer, reader, reader.getName(), new HashSet<>());
    }

    private static String walk(Schema writer, Schema reader, String path, Set<String> seen) {
        if (writer.getType() == Schema.Type.UNION && reader.getType() != Schema.Type.UNION) {
            for (Schema w : writer.getTypes()) { // each written branch resolves to the reader's one type
                String found = w.getType() == Schema.Type.NULL ? null : walk(w, reader, path, seen);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        LogicalType readerType = reader.getLogicalType();
        if (readerType instanceof LogicalTypes.Decimal r) {
            LogicalType writerType = writer.getLogicalType();
            if (!(writerType instanceof LogicalTypes.Decimal w)) {
                return path + ": the writer's " + writer.getType().getName() + " is not a decimal; the reader's is"
                        + " decimal scale " + r.getScale();
            }
            return w.getScale() == r.getScale() ? null
                    : path + ": the writer's decimal scale is " + w.getScale() + ", the reader's " + r.getScale();
        }
        switch (reader.getType()) {
            case RECORD -> {
                if (writer.getType() != Schema.Type.RECORD
                        || !seen.add(writer.getFullName() + "/" + reader.getFullName())) {
                    return null; // not resolvable at all (Avro says so), or already walked
                }
                for (Schema.Field r : reader.getFields()) {
                    Schema.Field w = writer.getField(r.name());
                    if (w == null) {
                        for (String alias : r.aliases()) {
                            w = w == null ? writer.getField(alias) : w;
                        }
                    }
                    String found = w == null ? null : walk(w.schema(), r.schema(), path + "." + r.name(), seen);
                    if (found != null) {
                        return found;
                    }
                }
                return null;
            }
            case UNION -> {
                for (Schema w : branches(writer)) {
                    Schema r = matchingBranch(w, reader);
                    String found = r == null ? null : walk(w, r, path + branchName(w), seen);
                    if (found != null) {
                        return found;
                    }
                }
                return null;
            }
            case ARRAY -> {
                return writer.getType() == Schema.Type.ARRAY
                        ? walk(writer.getElementType(), reader.getElementType(), path + "[]", seen) : null;
            }
            case MAP -> {
                return writer.getType() == Schema.Type.MAP
                        ? walk(writer.getValueType(), reader.getValueType(), path + "{}", seen) : null;
            }
            default -> {
                return null;
            }
        }
    }

    private static Iterable<Schema> branches(Schema s) {
        return s.getType() == Schema.Type.UNION ? s.getTypes() : List.of(s);
    }

    /**
     * The reader branch Avro resolves writer branch {@code w} to: the same type (by name for named types), else
     * the one a string and bytes promote to each other as.
     */
    private static Schema matchingBranch(Schema w, Schema readerUnion) {
        for (Schema r : readerUnion.getTypes()) {
            if (w.getType() == r.getType() && (!isNamed(w) || w.getName().equals(r.getName()))) {
                return r;
            }
        }
        for (Schema r : readerUnion.getTypes()) {
            if (w.getType() == Schema.Type.STRING && r.getType() == Schema.Type.BYTES
                    || w.getType() == Schema.Type.BYTES && r.getType() == Schema.Type.STRING) {
                return r;
            }
        }
        return null;
    }

    private static boolean isNamed(Schema s) {
        return s.getType() == Schema.Type.RECORD || s.getType() == Schema.Type.ENUM || s.getType() == Schema.Type.FIXED;
    }

    private static String branchName(Schema branch) {
        return branch.getType() == Schema.Type.RECORD ? "." + branch.getName() : "";
    }
}
