package dev.funnelstreams.registry.internals;

import java.util.List;
import org.apache.avro.Schema;

/**
 * The field shapes the compiled record writer and reader code inline, in a switch, instead of
 * calling the field's tree node: the node call site sees every node class and cannot be inlined,
 * the switch can. Only schemas without a logical type; every other field keeps its node.
 */
final class FieldKind {

    static final byte OTHER = 0;
    static final byte STRING = 1;
    /** ["null", "string"]: branch index 1 is the string; {@link #NULL_STRING} is the other order. */
    static final byte OPTIONAL_STRING = 2;
    static final byte NULL_STRING = 3;
    static final byte BOOLEAN = 4;
    static final byte INT = 5;
    static final byte LONG = 6;

    private FieldKind() {
    }

    static byte of(Schema schema) {
        if (schema.getLogicalType() != null) {
            return OTHER;
        }
        switch (schema.getType()) {
            case STRING:
                return STRING;
            case BOOLEAN:
                return BOOLEAN;
            case INT:
                return INT;
            case LONG:
                return LONG;
            case UNION:
                int stringIndex = optionalStringIndex(schema.getTypes());
                return stringIndex == 1 ? OPTIONAL_STRING : stringIndex == 0 ? NULL_STRING : OTHER;
            default:
                return OTHER;
        }
    }

    /** The string branch of a two-branch union of null and a string without a logical type, else -1. */
    static int optionalStringIndex(List<Schema> types) {
        if (types.size() != 2) {
            return -1;
        }
        for (int i = 0; i < 2; i++) {
            Schema string = types.get(i);
            if (string.getType() == Schema.Type.STRING && string.getLogicalType() == null
                    && types.get(1 - i).getType() == Schema.Type.NULL) {
                return i;
            }
        }
        return -1;
    }
}
