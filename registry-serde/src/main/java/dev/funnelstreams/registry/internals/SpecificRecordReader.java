package dev.funnelstreams.registry.internals;

import java.io.IOException;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Conversion;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Reads generated records written with the reader's own schema, compiled once per schema into a
 * tree of small readers. With identical schemas there is nothing to resolve, so this skips Avro's
 * resolving machinery, reads strings straight from the input array and builds decimals without
 * the intermediate buffers. It returns what Avro's {@code SpecificDatumReader} returns for the
 * same bytes: the generated classes, {@code String}s, and the record's or the model's
 * logical-type conversions. Thread-safe.
 */
public final class SpecificRecordReader {

    /** Reads one value of a fixed schema. */
    private interface ValueReader {
        Object read(BinaryInput in) throws IOException;
    }

    private final ValueReader root;

    private SpecificRecordReader(ValueReader root) {
        this.root = root;
    }

    /**
     * The reader for data written with {@code schema} into the records {@code schema} names, or
     * null when the schema has a part left to Avro: an enum, array, map or fixed, a record without a
     * generated class, or strings not read as {@code java.lang.String}.
     */
    public static SpecificRecordReader compile(Schema schema, SpecificData model) {
        try {
            return new SpecificRecordReader(new Compiler(model).withModelConversion(schema));
        } catch (UnsupportedOperationException e) {
            return null;
        }
    }

    /** Decodes the record in the {@code length} bytes at {@code offset}; bytes after it are ignored, as by Avro. */
    public Object read(byte[] data, int offset, int length) throws IOException {
        return root.read(new BinaryInput(data, offset, length));
    }

    private static final class Compiler {
        private final SpecificData model;
        private final Map<Schema, RecordReader> records = new IdentityHashMap<>();

        Compiler(SpecificData model) {
            this.model = model;
        }

        /** A value outside a record field (a union branch, the root): the model's conversion. */
        ValueReader withModelConversion(Schema schema) {
            LogicalType logicalType = schema.getLogicalType();
            Conversion<?> conversion = logicalType == null ? null : model.getConversionFor(logicalType);
            return converted(schema, conversion);
        }

        ValueReader converted(Schema schema, Conversion<?> conversion) {
            LogicalType logicalType = schema.getLogicalType();
            if (conversion == null || logicalType == null) {
                return raw(schema);
            }
            Class<?> kind = conversion.getClass();
            if (schema.getType() == Schema.Type.BYTES && kind == Conversions.DecimalConversion.class) {
                int scale = ((LogicalTypes.Decimal) logicalType).getScale();
                return in -> {
                    int length = in.readLength();
                    // As DecimalConversion.fromBytes, without copying the bytes out first; an unscaled
                    // value of up to 8 bytes is assembled as a long, without a BigInteger.
                    BigDecimal value = length > 0 && length <= 8
                            ? BigDecimal.valueOf(in.readTwosComplement(length), scale)
                            : new BigDecimal(new BigInteger(in.array(), in.position(), length), scale);
                    in.skip(length);
                    return value;
                };
            }
            if (schema.getType() == Schema.Type.LONG && kind == TimeConversions.TimestampMillisConversion.class) {
                return in -> Instant.ofEpochMilli(in.readLong()); // TimestampMillisConversion.fromLong
            }
            if (schema.getType() == Schema.Type.INT && kind == TimeConversions.DateConversion.class) {
                return in -> LocalDate.ofEpochDay(in.readInt()); // DateConversion.fromInt
            }
            ValueReader raw = raw(schema);
            return in -> Conversions.convertToLogicalType(raw.read(in), schema, logicalType, conversion);
        }

        ValueReader raw(Schema schema) {
            switch (schema.getType()) {
                case NULL:
                    return in -> null;
                case BOOLEAN:
                    return BinaryInput::readBoolean;
                case INT:
                    return BinaryInput::readInt;
                case LONG:
                    return BinaryInput::readLong;
                case FLOAT:
                    return BinaryInput::readFloat;
                case DOUBLE:
                    return BinaryInput::readDouble;
                case STRING:
                    // Avro reads Utf8 unless the schema asks for java.lang.String (as generated code does).
                    if (!GenericData.StringType.String.name().equals(schema.getProp(GenericData.STRING_PROP))
                            || schema.getProp(SpecificData.CLASS_PROP) != null) {
                        throw new UnsupportedOperationException("string read as another class");
                    }
                    return BinaryInput::readString;
                case BYTES:
                    return in -> {
                        int length = in.readLength();
                        byte[] copy = Arrays.copyOfRange(in.array(), in.position(), in.position() + length);
                        in.skip(length);
                        return ByteBuffer.wrap(copy);
                    };
                case UNION:
                    return union(schema);
                case RECORD:
                    return record(schema);
                default:
                    throw new UnsupportedOperationException(schema.getType().getName());
            }
        }

        private ValueReader union(Schema schema) {
            List<Schema> types = schema.getTypes();
            ValueReader[] branches = new ValueReader[types.size()];
            for (int i = 0; i < branches.length; i++) {
                branches[i] = withModelConversion(types.get(i));
            }
            int stringIndex = FieldKind.optionalStringIndex(types);
            if (stringIndex >= 0) {
                // ["null", "string"] either way round, the commonest union: the string read inline,
                // without a second call through the branch array.
                return in -> {
                    int branch = in.readInt();
                    if (branch == stringIndex) {
                        return in.readString();
                    }
                    if (branch != 1 - stringIndex) {
                        throw new AvroRuntimeException("union branch " + branch + " out of range for " + schema);
                    }
                    return null;
                };
            }
            return in -> {
                int branch = in.readInt();
                if (branch < 0 || branch >= branches.length) {
                    throw new AvroRuntimeException("union branch " + branch + " out of range for " + schema);
                }
                return branches[branch].read(in);
            };
        }

        private ValueReader record(Schema schema) {
            RecordReader known = records.get(schema);
            if (known != null) {
                return known; // a recursive record: its fields are filled in below
            }
            Class<?> type = model.getClass(schema);
            if (type == null || !SpecificRecordBase.class.isAssignableFrom(type)) {
                throw new UnsupportedOperationException("no generated class for " + schema.getFullName());
            }
            Supplier<SpecificRecordBase> constructor = constructorOf(type);
            SpecificRecordBase prototype = (SpecificRecordBase) model.newRecord(null, schema);
            List<Schema.Field> fields = schema.getFields();
            RecordReader reader = new RecordReader(constructor, new ValueReader[fields.size()], new byte[fields.size()],
                    new Schema[fields.size()]);
            records.put(schema, reader);
            for (Schema.Field field : fields) {
                // As Avro's fast reader (on by default): the record's conversion for a field's own
                // logical type, else the model's.
                Conversion<?> conversion = prototype.getConversion(field.pos());
                reader.fields[field.pos()] = conversion != null
                        ? converted(field.schema(), conversion)
                        : withModelConversion(field.schema());
                reader.kinds[field.pos()] = FieldKind.of(field.schema()); // after the node: it checks the string class
                reader.schemas[field.pos()] = field.schema();
            }
            return reader;
        }
    }

    /**
     * {@code type}'s public no-argument constructor as a {@link Supplier}, spun once by the lambda
     * machinery, so creating a record is an ordinary call to {@code new}; a method handle when that
     * cannot be done (e.g. the class is not visible from this class's loader).
     */
    @SuppressWarnings("unchecked")
    static Supplier<SpecificRecordBase> constructorOf(Class<?> type) {
        MethodHandle constructor;
        try {
            constructor = MethodHandles.publicLookup().findConstructor(type, MethodType.methodType(void.class));
        } catch (ReflectiveOperationException e) {
            throw new UnsupportedOperationException("no public no-argument constructor in " + type.getName());
        }
        try {
            Supplier<SpecificRecordBase> spun = (Supplier<SpecificRecordBase>) LambdaMetafactory.metafactory(
                    MethodHandles.lookup(), "get", MethodType.methodType(Supplier.class),
                    MethodType.methodType(Object.class), constructor, MethodType.methodType(type))
                    .getTarget().invokeExact();
            if (spun.get().getClass() == type) { // links the spun class now, not on the first record
                return spun;
            }
        } catch (Throwable e) { // LambdaConversionException, LinkageError: use the method handle
        }
        return new ByMethodHandle(constructor.asType(MethodType.methodType(SpecificRecordBase.class)));
    }

    /** The fallback constructor: a method handle call per record. */
    static final class ByMethodHandle implements Supplier<SpecificRecordBase> {
        private final MethodHandle constructor;

        ByMethodHandle(MethodHandle constructor) {
            this.constructor = constructor;
        }

        @Override
        public SpecificRecordBase get() {
            try {
                return (SpecificRecordBase) constructor.invokeExact();
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new AvroRuntimeException(e);
            }
        }
    }

    private static final class RecordReader implements ValueReader {
        private final Supplier<SpecificRecordBase> constructor;
        private final ValueReader[] fields;
        private final byte[] kinds;
        private final Schema[] schemas;

        RecordReader(Supplier<SpecificRecordBase> constructor, ValueReader[] fields, byte[] kinds, Schema[] schemas) {
            this.constructor = constructor;
            this.fields = fields;
            this.kinds = kinds;
            this.schemas = schemas;
        }

        @Override
        public Object read(BinaryInput in) throws IOException {
            SpecificRecordBase record = constructor.get();
            for (int i = 0; i < fields.length; i++) {
                record.put(i, readField(i, in));
            }
            return record;
        }

        /** As {@code fields[i].read(in)}; the commonest shapes inline (see {@link FieldKind}). */
        private Object readField(int i, BinaryInput in) throws IOException {
            switch (kinds[i]) {
                case FieldKind.STRING:
                    return in.readString();
                case FieldKind.OPTIONAL_STRING:
                case FieldKind.NULL_STRING: {
                    int stringIndex = kinds[i] == FieldKind.OPTIONAL_STRING ? 1 : 0;
                    int branch = in.readInt();
                    if (branch == stringIndex) {
                        return in.readString();
                    }
                    if (branch == 1 - stringIndex) {
                        return null;
                    }
                    throw new AvroRuntimeException("union branch " + branch + " out of range for " + schemas[i]);
                }
                case FieldKind.BOOLEAN:
                    return in.readBoolean();
                case FieldKind.INT:
                    return in.readInt();
                case FieldKind.LONG:
                    return in.readLong();
                default:
                    return fields[i].read(in);
            }
        }
    }
}
