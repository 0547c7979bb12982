package dev.funnelstreams.streams.state;

import dev.funnelstreams.core.metrics.CellKey;
import dev.funnelstreams.core.metrics.ChannelCostKey;
import dev.funnelstreams.core.metrics.ConversionKey;
import dev.funnelstreams.core.metrics.Counter;
import dev.funnelstreams.core.metrics.LossReasonKey;
import dev.funnelstreams.core.metrics.PipelineKey;
import dev.funnelstreams.core.metrics.ReviewKey;
import dev.funnelstreams.core.metrics.SalesKpiKey;
import dev.funnelstreams.core.metrics.SnapshotKey;
import dev.funnelstreams.core.metrics.StageFlowKey;
import dev.funnelstreams.core.metrics.StalledKey;
import dev.funnelstreams.core.metrics.StalledNowKey;
import dev.funnelstreams.core.metrics.TargetKey;
import dev.funnelstreams.core.metrics.TargetValueKey;
import dev.funnelstreams.core.metrics.WeekKey;
import dev.funnelstreams.core.metrics.view.CellTable;
import dev.funnelstreams.core.period.Period;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Binary form of the core's metric cell keys and counters: the key of the repartition topic and of the cell stores,
 * and their values. A leading tag byte names the type (the core's {@link CellTable} assigns the tags); the record's
 * components follow in declaration order, each by its Java type: {@code String} as a {@link StoredString} (modified
 * UTF-8 with a 2-byte length, or a long form past 65,535 bytes), {@code Period} as its label in modified UTF-8 with a
 * 2-byte length, {@code long} (or {@code Long}) as 8 bytes, money ({@code BigDecimal}) as scale, length and unscaled
 * bytes, {@code long[]} as a 1-byte length and its longs, {@code Map<String, Long>} as a 2-byte size and its
 * entries, {@code Map<String, Map<String, Long>>} likewise. So a new cell type needs no code here. The encoding of a
 * key is deterministic (equal keys, equal bytes), so it can be hashed for partitioning and used as a store key.
 * Week keys sort by week within their tag, which the weekly review's range scan uses.
 */
public final class CellCodec {

    public static final byte STAGE_FLOW = tag(StageFlowKey.class);
    public static final byte CONVERSION = tag(ConversionKey.class);
    public static final byte LOSS_REASON = tag(LossReasonKey.class);
    public static final byte CHANNEL_COST = tag(ChannelCostKey.class);
    public static final byte SNAPSHOT = tag(SnapshotKey.class);
    public static final byte TARGET = tag(TargetKey.class);
    public static final byte WEEK = tag(WeekKey.class);
    public static final byte STALLED = tag(StalledKey.class);
    public static final byte STALLED_NOW = tag(StalledNowKey.class);
    public static final byte PIPELINE = tag(PipelineKey.class);
    public static final byte SALES_KPI = tag(SalesKpiKey.class);
    public static final byte REVIEW = tag(ReviewKey.class);
    public static final byte TARGET_VALUE = tag(TargetValueKey.class);

    private CellCodec() {
    }

    public static byte[] encodeKey(CellKey<?> key) {
        int tag = CellTable.type(key.getClass()).tag();
        return write(out -> {
            out.writeByte(tag);
            Shapes.KEYS[tag].write(out, key);
        });
    }

    public static CellKey<?> decodeKey(byte[] bytes) {
        return read(bytes, in -> (CellKey<?>) Shapes.KEYS[CellTable.typeOfTag(in.readByte()).tag()].read(in));
    }

    /** The store-key prefix of all week cells (they sort by week after it). */
    public static byte[] weekPrefix() {
        return new byte[] {WEEK};
    }

    /** The store-key prefix of all period-review cells (months, quarters and years). */
    public static byte[] reviewPrefix() {
        return new byte[] {REVIEW};
    }

    public static byte[] encodeCounter(Counter<?> counter) {
        int tag = CellTable.counterTag(counter.getClass());
        return write(out -> {
            out.writeByte(tag);
            Shapes.COUNTERS[tag].write(out, counter);
        });
    }

    public static Counter<?> decodeCounter(byte[] bytes) {
        return read(bytes, in -> {
            int tag = in.readByte();
            CellTable.counterOfTag(tag); // an unknown tag fails here, with its number
            return (Counter<?>) Shapes.COUNTERS[tag].read(in);
        });
    }

    private static byte tag(Class<?> keyType) {
        return (byte) CellTable.type(keyType).tag();
    }

    /**
     * Every cell type's key and counter shapes by tag, built once from the table when first used (a holder class:
     * after this class's field coders exist). A type the codec cannot encode fails here, naming its component.
     */
    private static final class Shapes {
        static final Shape[] KEYS = new Shape[128];
        static final Shape[] COUNTERS = new Shape[128];

        static {
            for (CellTable.Entry<?, ?> e : CellTable.types()) {
                KEYS[e.tag()] = Shape.of(e.keyType());
                if (COUNTERS[e.counterTag()] == null) {
                    COUNTERS[e.counterTag()] = Shape.of(e.counterType());
                }
            }
        }
    }

    /** How one component type is written and read. */
    private record Field(ValueWriter writer, Reader<?> reader) {
    }

    private interface ValueWriter {
        void write(DataOutputStream out, Object value) throws IOException;
    }

    private static final Field STRING = new Field((out, v) -> StoredString.write(out, (String) v), StoredString::read);
    private static final Field PERIOD = new Field((out, v) -> out.writeUTF(((Period) v).label()),
            in -> Period.parse(in.readUTF()));
    private static final Field LONG = new Field((out, v) -> out.writeLong((Long) v), DataInputStream::readLong);
    private static final Field MONEY = new Field(CellCodec::writeMoney, CellCodec::readMoney);
    private static final Field LONGS = new Field(CellCodec::writeLongs, CellCodec::readLongs);

    private static void writeMoney(DataOutputStream out, Object value) throws IOException {
        BigDecimal v = (BigDecimal) value;
        byte[] unscaled = v.unscaledValue().toByteArray();
        out.writeByte(v.scale());
        out.writeByte(unscaled.length);
        out.write(unscaled);
    }

    private static BigDecimal readMoney(DataInputStream in) throws IOException {
        int scale = in.readByte();
        byte[] unscaled = new byte[in.readUnsignedByte()];
        in.readFully(unscaled);
        return new BigDecimal(new BigInteger(unscaled), scale);
    }

    private static void writeLongs(DataOutputStream out, Object value) throws IOException {
        long[] v = (long[]) value;
        out.writeByte(v.length);
        for (long n : v) {
            out.writeLong(n);
        }
    }

    private static long[] readLongs(DataInputStream in) throws IOException {
        long[] v = new long[in.readUnsignedByte()];
        for (int i = 0; i < v.length; i++) {
            v[i] = in.readLong();
        }
        return v;
    }

    /** A {@code Map<String, V>}: a 2-byte size, then each key and value. */
    private static Field mapOf(Field values) {
        return new Field((out, value) -> {
            Map<?, ?> map = (Map<?, ?>) value;
            out.writeShort(map.size());
            for (Map.Entry<?, ?> e : map.entrySet()) {
                StoredString.write(out, (String) e.getKey());
                values.writer().write(out, e.getValue());
            }
        }, in -> {
            int n = in.readUnsignedShort();
            Map<String, Object> map = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                map.put(StoredString.read(in), values.reader().read(in));
            }
            return map;
        });
    }

    private static Field field(Type type, String where) {
        if (type == String.class) {
            return STRING;
        } else if (type == Period.class) {
            return PERIOD;
        } else if (type == long.class || type == Long.class) {
            return LONG;
        } else if (type == BigDecimal.class) {
            return MONEY;
        } else if (type == long[].class) {
            return LONGS;
        } else if (type instanceof ParameterizedType p && p.getRawType() == Map.class
                && p.getActualTypeArguments()[0] == String.class) {
            return mapOf(field(p.getActualTypeArguments()[1], where));
        }
        throw new IllegalArgumentException("CellCodec cannot encode " + where + " of type " + type.getTypeName());
    }

    /** A record type's components, in order, and its canonical constructor. */
    private record Shape(MethodHandle[] getters, Field[] fields, MethodHandle constructor) {

        static Shape of(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            if (components == null) {
                throw new IllegalArgumentException("CellCodec encodes records only: " + type.getName());
            }
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            MethodHandle[] getters = new MethodHandle[components.length];
            Field[] fields = new Field[components.length];
            Class<?>[] types = new Class<?>[components.length];
            try {
                for (int i = 0; i < components.length; i++) {
                    RecordComponent c = components[i];
                    getters[i] = lookup.unreflect(c.getAccessor()).asType(MethodType.methodType(Object.class,
                            Object.class));
                    fields[i] = field(c.getGenericType(), type.getSimpleName() + "." + c.getName());
                    types[i] = c.getType();
                }
                MethodHandle constructor = lookup.findConstructor(type, MethodType.methodType(void.class, types))
                        .asSpreader(Object[].class, components.length)
                        .asType(MethodType.methodType(Object.class, Object[].class));
                return new Shape(getters, fields, constructor);
            } catch (ReflectiveOperationException e) {
                throw new IllegalArgumentException("CellCodec cannot reach " + type.getName(), e);
            }
        }

        void write(DataOutputStream out, Object value) throws IOException {
            for (int i = 0; i < getters.length; i++) {
                fields[i].writer().write(out, invoke(getters[i], value));
            }
        }

        Object read(DataInputStream in) throws IOException {
            Object[] args = new Object[fields.length];
            for (int i = 0; i < fields.length; i++) {
                args[i] = fields[i].reader().read(in);
            }
            try {
                return (Object) constructor.invokeExact(args);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }

        private static Object invoke(MethodHandle getter, Object value) {
            try {
                return (Object) getter.invokeExact(value);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    private static byte[] write(Writer w) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            w.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static <T> T read(byte[] bytes, Reader<T> r) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            return r.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
