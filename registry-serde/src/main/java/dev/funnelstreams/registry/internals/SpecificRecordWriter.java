package dev.funnelstreams.registry.internals;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Conversion;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.avro.util.Utf8;

/**
 * Avro's binary encoding of generated records, compiled once per schema into a tree of small
 * writers. Avro's {@code SpecificDatumWriter} looks up, for every value, the schema type, the
 * union branch (by the value's schema name) and the logical-type conversion; here those are
 * settled when the tree is built, and a union remembers which branch each value class took.
 *
 * <p>The bytes are the same as Avro's. Values of a type the tree does not expect (a null in a
 * non-null field, a {@code Long} in an {@code int} field, a non-generated record) are handed to
 * Avro's own writer for that part of the schema, so they are written or rejected exactly as
 * before; so is a decimal of another scale, because the conversion is the model's own.
 * Immutable apart from the union caches, which are safe to race on: thread-safe.
 */
public final class SpecificRecordWriter {

    /** Appends one value of a fixed schema to the buffer. */
    private interface ValueWriter {
        void write(Object datum, EncodingBuffer out) throws IOException;
    }

    private final ValueWriter root;

    private SpecificRecordWriter(ValueWriter root) {
        this.root = root;
    }

    /**
     * The writer for records of {@code schema}, or null if it has a part this class leaves to Avro
     * altogether: an enum, array, map or fixed, or a record without a generated class.
     */
    public static SpecificRecordWriter compile(Schema schema, SpecificData model) {
        try {
            return new SpecificRecordWriter(new Compiler(model).withConversionByClass(schema));
        } catch (UnsupportedOperationException e) {
            return null;
        }
    }

    /** Appends the binary encoding of {@code record}. */
    public void write(Object record, EncodingBuffer out) throws IOException {
        root.write(record, out);
    }

    private static final class Compiler {
        private final SpecificData model;
        private final Map<Schema, RecordWriter> records = new IdentityHashMap<>();

        Compiler(SpecificData model) {
            this.model = model;
        }

        /** As Avro's {@code write(schema, datum)}: a logical type is converted by the value's class. */
        ValueWriter withConversionByClass(Schema schema) {
            ValueWriter raw = withoutConversion(schema);
            LogicalType logicalType = schema.getLogicalType();
            if (logicalType == null) {
                return raw;
            }
            ConvertingByClass converting = new ConvertingByClass(schema, logicalType, model, raw);
            return direct(schema, logicalType, converting.usual, converting);
        }

        /** As Avro's {@code writeWithoutConversion(schema, datum)}. */
        ValueWriter withoutConversion(Schema schema) {
            Fallback avro = new Fallback(schema, model);
            switch (schema.getType()) {
                case NULL:
                    return (datum, out) -> { };
                case BOOLEAN:
                    return (datum, out) -> {
                        if (datum instanceof Boolean b) {
                            out.writeBoolean(b);
                        } else {
                            avro.write(datum, out);
                        }
                    };
                case INT:
                    return (datum, out) -> {
                        if (datum instanceof Integer i) {
                            out.writeInt(i);
                        } else {
                            avro.write(datum, out);
                        }
                    };
                case LONG:
                    return (datum, out) -> {
                        if (datum instanceof Long l) {
                            out.writeLong(l);
                        } else {
                            avro.write(datum, out);
                        }
                    };
                case FLOAT:
                    return (datum, out) -> {
                        if (datum instanceof Float f) {
                            out.writeFloat(f);
                        } else {
                            avro.write(datum, out);
                        }
                    };
                case DOUBLE:
                    return (datum, out) -> {
                        if (datum instanceof Double d) {
                            out.writeDouble(d);
                        } else {
                            avro.write(datum, out);
                        }
                    };
                case STRING:
                    return (datum, out) -> {
                        if (datum instanceof String s) {
                            out.writeString(s);
                        } else if (datum instanceof Utf8 u) {
                            out.writeBytes(u.getBytes(), 0, u.getByteLength());
                        } else {
                            avro.write(datum, out);
                        }
                    };
                case BYTES:
                    return (datum, out) -> {
                        if (datum instanceof java.nio.ByteBuffer b && b.hasArray() && !b.isDirect()) {
                            out.writeBytes(b.array(), b.arrayOffset() + b.position(), b.remaining());
                        } else {
                            avro.write(datum, out);
                        }
                    };
                case UNION:
                    return union(schema, avro);
                case RECORD:
                    return record(schema, avro);
                default:
                    throw new UnsupportedOperationException(schema.getType().getName());
            }
        }

        private ValueWriter union(Schema schema, Fallback avro) {
            List<Schema> types = schema.getTypes();
            ValueWriter[] branches = new ValueWriter[types.size()];
            for (int i = 0; i < branches.length; i++) {
                branches[i] = withConversionByClass(types.get(i));
            }
            Integer nullIndex = schema.getIndexNamed(Schema.Type.NULL.getName());
            UnionWriter general = new UnionWriter(schema, model, branches, nullIndex == null ? -1 : nullIndex, avro);
            if (types.size() == 2 && nullIndex != null) {
                int stringIndex = 1 - nullIndex;
                Schema string = types.get(stringIndex);
                if (string.getType() == Schema.Type.STRING && string.getLogicalType() == null) {
                    // ["null", "string"] either way round, the commonest union: a null or a String
                    // (the only branch a String resolves to) written inline; anything else as before.
                    int nullBranch = nullIndex;
                    return (datum, out) -> {
                        if (datum == null) {
                            out.writeInt(nullBranch);
                        } else if (datum instanceof String s) {
                            out.writeInt(stringIndex);
                            out.writeString(s);
                        } else {
                            general.write(datum, out);
                        }
                    };
                }
            }
            return general;
        }

        private ValueWriter record(Schema schema, Fallback avro) {
            RecordWriter known = records.get(schema);
            if (known != null) {
                return known; // a recursive record: its fields are filled in below
            }
            Class<?> type = model.getClass(schema);
            if (type == null || !SpecificRecordBase.class.isAssignableFrom(type)) {
                throw new UnsupportedOperationException("no generated class for " + schema.getFullName());
            }
            SpecificRecordBase prototype = (SpecificRecordBase) model.newRecord(null, schema);
            List<Schema.Field> fields = schema.getFields();
            RecordWriter writer = new RecordWriter(type, new String[fields.size()], new ValueWriter[fields.size()],
                    new byte[fields.size()], avro);
            records.put(schema, writer);
            for (Schema.Field field : fields) {
                int pos = field.pos();
                writer.names[pos] = field.name();
                // As SpecificDatumWriter.writeField: a field's own logical type uses the record's conversion.
                Conversion<?> conversion = prototype.getConversion(pos);
                LogicalType logicalType = field.schema().getLogicalType();
                ValueWriter raw = withoutConversion(field.schema());
                writer.fields[pos] = conversion != null && logicalType != null
                        ? direct(field.schema(), logicalType, conversion,
                                new Converting(field.schema(), logicalType, conversion, raw))
                        : raw;
                writer.kinds[pos] = FieldKind.of(field.schema());
            }
            return writer;
        }
    }

    /**
     * {@code viaConversion}, with the values of Avro's own decimal, timestamp-millis and date
     * conversions written straight into the buffer: the same bytes without the boxed or
     * {@code ByteBuffer} raw value in between. Anything else (another conversion, another value
     * class, a null, a decimal Avro would rescale or reject) takes {@code viaConversion}.
     */
    static ValueWriter direct(Schema schema, LogicalType logicalType, Conversion<?> conversion,
            ValueWriter viaConversion) {
        if (conversion == null) {
            return viaConversion;
        }
        Class<?> kind = conversion.getClass();
        Schema.Type type = schema.getType();
        if (kind == Conversions.DecimalConversion.class && type == Schema.Type.BYTES
                && logicalType instanceof LogicalTypes.Decimal decimal) {
            int scale = decimal.getScale();
            int precision = decimal.getPrecision();
            return (datum, out) -> {
                // As DecimalConversion.toBytes when its validation passes unchanged: same scale, not too precise.
                if (datum != null && datum.getClass() == BigDecimal.class) {
                    BigDecimal value = (BigDecimal) datum;
                    if (value.scale() == scale && value.precision() <= precision) {
                        BigInteger unscaled = value.unscaledValue();
                        if (unscaled.bitLength() < 64) {
                            out.writeTwosComplement(unscaled.longValue());
                        } else {
                            byte[] bytes = unscaled.toByteArray();
                            out.writeBytes(bytes, 0, bytes.length);
                        }
                        return;
                    }
                }
                viaConversion.write(datum, out);
            };
        }
        if (kind == TimeConversions.TimestampMillisConversion.class && type == Schema.Type.LONG) {
            return (datum, out) -> {
                if (datum != null && datum.getClass() == Instant.class) {
                    out.writeLong(((Instant) datum).toEpochMilli()); // TimestampMillisConversion.toLong
                } else {
                    viaConversion.write(datum, out);
                }
            };
        }
        if (kind == TimeConversions.DateConversion.class && type == Schema.Type.INT) {
            return (datum, out) -> {
                if (datum != null && datum.getClass() == LocalDate.class) {
                    out.writeInt((int) ((LocalDate) datum).toEpochDay()); // DateConversion.toInt
                } else {
                    viaConversion.write(datum, out);
                }
            };
        }
        return viaConversion;
    }

    private static final class RecordWriter implements ValueWriter {
        private final Class<?> type;
        private final String[] names;
        private final ValueWriter[] fields;
        private final byte[] kinds;
        private final Fallback avro;

        RecordWriter(Class<?> type, String[] names, ValueWriter[] fields, byte[] kinds, Fallback avro) {
            this.type = type;
            this.names = names;
            this.fields = fields;
            this.kinds = kinds;
            this.avro = avro;
        }

        @Override
        public void write(Object datum, EncodingBuffer out) throws IOException {
            if (datum == null || datum.getClass() != type) {
                avro.write(datum, out);
                return;
            }
            SpecificRecordBase record = (SpecificRecordBase) datum;
            for (int i = 0; i < fields.length; i++) {
                try {
                    writeField(i, record.get(i), out);
                } catch (NullPointerException e) {
                    // Avro names the field the same way; nested records add their field in front.
                    NullPointerException named = new NullPointerException(e.getMessage() + " in field " + names[i]);
                    named.initCause(e);
                    throw named;
                }
            }
        }

        /**
         * As {@code fields[i].write(value, out)}; the commonest shapes inline (see {@link FieldKind}),
         * any value they do not expect through the field's node as before.
         */
        private void writeField(int i, Object value, EncodingBuffer out) throws IOException {
            switch (kinds[i]) {
                case FieldKind.STRING:
                    if (value instanceof String s) {
                        out.writeString(s);
                        return;
                    }
                    break;
                case FieldKind.OPTIONAL_STRING:
                case FieldKind.NULL_STRING: {
                    int stringIndex = kinds[i] == FieldKind.OPTIONAL_STRING ? 1 : 0;
                    if (value == null) {
                        out.writeInt(1 - stringIndex);
                        return;
                    }
                    if (value instanceof String s) { // a String resolves to the string branch
                        out.writeInt(stringIndex);
                        out.writeString(s);
                        return;
                    }
                    break;
                }
                case FieldKind.BOOLEAN:
                    if (value instanceof Boolean b) {
                        out.writeBoolean(b);
                        return;
                    }
                    break;
                case FieldKind.INT:
                    if (value instanceof Integer n) {
                        out.writeInt(n);
                        return;
                    }
                    break;
                case FieldKind.LONG:
                    if (value instanceof Long n) {
                        out.writeLong(n);
                        return;
                    }
                    break;
                default:
                    break;
            }
            fields[i].write(value, out);
        }
    }

    private static final class UnionWriter implements ValueWriter {
        private static final int MAX_REMEMBERED = 16;

        /** Value classes seen so far and the branch each took; replaced, never changed. */
        private record Seen(Class<?>[] classes, int[] branches) {
        }

        private final Schema schema;
        private final SpecificData model;
        private final ValueWriter[] branches;
        private final int nullIndex;
        private final Fallback avro;
        private volatile Seen seen = new Seen(new Class<?>[0], new int[0]);

        UnionWriter(Schema schema, SpecificData model, ValueWriter[] branches, int nullIndex, Fallback avro) {
            this.schema = schema;
            this.model = model;
            this.branches = branches;
            this.nullIndex = nullIndex;
            this.avro = avro;
        }

        @Override
        public void write(Object datum, EncodingBuffer out) throws IOException {
            int branch;
            if (datum == null) {
                if (nullIndex < 0) {
                    avro.write(null, out); // Avro's own error for a null no branch takes
                    return;
                }
                branch = nullIndex;
            } else {
                branch = branchOf(datum);
            }
            out.writeInt(branch);
            branches[branch].write(datum, out);
        }

        private int branchOf(Object datum) {
            Class<?> type = datum.getClass();
            Seen s = seen;
            for (int i = 0; i < s.classes.length; i++) {
                if (s.classes[i] == type) {
                    return s.branches[i];
                }
            }
            int branch = model.resolveUnion(schema, datum); // throws UnresolvedUnionException
            // Avro picks the branch by the value's schema name, which only a generic container can
            // change per instance; generated records carry their class's schema.
            boolean byClass = !(datum instanceof GenericContainer) || datum instanceof SpecificRecord;
            if (byClass && s.classes.length < MAX_REMEMBERED) {
                Class<?>[] classes = Arrays.copyOf(s.classes, s.classes.length + 1);
                int[] taken = Arrays.copyOf(s.branches, s.branches.length + 1);
                classes[s.classes.length] = type;
                taken[s.branches.length] = branch;
                seen = new Seen(classes, taken);
            }
            return branch;
        }
    }

    /** A field's logical type with the record's conversion (SpecificDatumWriter.writeField). */
    private static final class Converting implements ValueWriter {
        private final Schema schema;
        private final LogicalType logicalType;
        private final Conversion<?> conversion;
        private final ValueWriter raw;

        Converting(Schema schema, LogicalType logicalType, Conversion<?> conversion, ValueWriter raw) {
            this.schema = schema;
            this.logicalType = logicalType;
            this.conversion = conversion;
            this.raw = raw;
        }

        @Override
        public void write(Object datum, EncodingBuffer out) throws IOException {
            raw.write(Conversions.convertToRawType(datum, schema, logicalType, conversion), out);
        }
    }

    /** A logical type converted by the value's class (GenericDatumWriter.write). */
    private static final class ConvertingByClass implements ValueWriter {
        private final Schema schema;
        private final LogicalType logicalType;
        private final SpecificData model;
        private final ValueWriter raw;
        private final Conversion<?> usual;
        private final Class<?> usualClass;

        ConvertingByClass(Schema schema, LogicalType logicalType, SpecificData model, ValueWriter raw) {
            this.schema = schema;
            this.logicalType = logicalType;
            this.model = model;
            this.raw = raw;
            this.usual = model.getConversionFor(logicalType);
            this.usualClass = usual == null ? null : usual.getConvertedType();
        }

        @Override
        public void write(Object datum, EncodingBuffer out) throws IOException {
            if (datum == null) {
                raw.write(null, out);
                return;
            }
            Conversion<?> conversion = datum.getClass() == usualClass
                    ? usual
                    : model.getConversionByClass(datum.getClass(), logicalType);
            raw.write(conversion == null ? datum : Conversions.convertToRawType(datum, schema, logicalType, conversion),
                    out);
        }
    }

    /** Avro's own writer for one part of the schema, writing through the buffer's encoder. */
    private static final class Fallback implements ValueWriter {
        private final Schema schema;
        private final SpecificData model;
        private volatile DatumWriter<Object> writer;

        Fallback(Schema schema, SpecificData model) {
            this.schema = schema;
            this.model = model;
        }

        @Override
        public void write(Object datum, EncodingBuffer out) throws IOException {
            DatumWriter<Object> w = writer;
            if (w == null) {
                w = new SpecificDatumWriter<>(schema, model);
                writer = w;
            }
            w.write(datum, out.encoder());
        }
    }
}
