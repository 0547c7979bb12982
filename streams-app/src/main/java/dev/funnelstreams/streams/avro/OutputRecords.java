package dev.funnelstreams.streams.avro;

import dev.funnelstreams.core.lead.LeadState;
import dev.funnelstreams.core.metrics.view.LeadStateKey;
import dev.funnelstreams.core.metrics.view.LeadStateValue;
import dev.funnelstreams.core.metrics.view.OutputTopic;
import dev.funnelstreams.core.period.Period;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * The core's rendered output records (keys and values of SPEC section 4) as the Avro records of the output topics,
 * mapped field by field by name: the core's record components are named as the SPEC's JSON fields, and so are the
 * Avro fields (schemas/README.md). Each topic's Avro classes are named by {@link OutputTopic#avroKey()} and
 * {@link OutputTopic#avroValue()}. By the Avro field's schema: a union with null takes null; a string takes a
 * {@code String} or a {@code Period} (its label); a decimal takes a {@code BigDecimal}, rounded half-even to the
 * schema's scale (Avro does not round); an enum takes the Java enum constant of the same name; a record, an array
 * or a map takes a record, a list or a map of {@code String} keys, mapped alike; numbers, booleans and instants
 * pass as they are. A core record must have exactly the Avro record's fields: a mismatch fails on its first use,
 * with both names, so a new metric needs no code here.
 */
public final class OutputRecords {

    private static final String PACKAGE = "dev.funnelstreams.avro.out.";
    private static final Map<OutputTopic, Class<? extends SpecificRecord>> KEYS = new EnumMap<>(OutputTopic.class);
    private static final Map<OutputTopic, Class<? extends SpecificRecord>> VALUES = new EnumMap<>(OutputTopic.class);
    private static final Map<Pair, Mapping> MAPPINGS = new ConcurrentHashMap<>();

    static {
        for (OutputTopic t : OutputTopic.values()) {
            KEYS.put(t, avroClass(t.avroKey()));
            VALUES.put(t, avroClass(t.avroValue()));
        }
    }

    private OutputRecords() {
    }

    /** The Avro key class of {@code topic}. */
    public static Class<? extends SpecificRecord> keyClass(OutputTopic topic) {
        return KEYS.get(topic);
    }

    /** The Avro value class of {@code topic}. */
    public static Class<? extends SpecificRecord> valueClass(OutputTopic topic) {
        return VALUES.get(topic);
    }

    /** The Avro key of a core key of {@code topic}. */
    public static SpecificRecord key(OutputTopic topic, Object key) {
        return map(key, KEYS.get(topic));
    }

    /** The Avro value of a core value of {@code topic}; null (a tombstone) for null. */
    public static SpecificRecord value(OutputTopic topic, Object value) {
        return value == null ? null : map(value, VALUES.get(topic));
    }

    public static dev.funnelstreams.avro.out.LeadStateKey leadStateKey(String leadId) {
        return (dev.funnelstreams.avro.out.LeadStateKey) key(OutputTopic.LEAD_STATE, new LeadStateKey(leadId));
    }

    public static dev.funnelstreams.avro.out.LeadStateValue value(LeadState state) {
        return (dev.funnelstreams.avro.out.LeadStateValue) value(OutputTopic.LEAD_STATE, LeadStateValue.of(state));
    }

    private static SpecificRecord map(Object record, Class<?> avro) {
        return MAPPINGS.computeIfAbsent(new Pair(record.getClass(), avro), Mapping::of).apply(record);
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends SpecificRecord> avroClass(String simpleName) {
        try {
            return (Class<? extends SpecificRecord>) Class.forName(PACKAGE + simpleName, true,
                    OutputRecords.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("no Avro record " + PACKAGE + simpleName, e);
        }
    }

    private record Pair(Class<?> core, Class<?> avro) {
    }

    /** Converts one Java value to the form of one Avro schema. */
    @FunctionalInterface
    private interface Converter {
        Object convert(Object value);
    }

    /** One core record type onto one Avro record class. */
    private record Mapping(MethodHandle newRecord, MethodHandle[] getters, int[] positions, Converter[] converters) {

        static Mapping of(Pair pair) {
            Schema schema = SpecificData.get().getSchema(pair.avro());
            RecordComponent[] components = pair.core().getRecordComponents();
            String what = pair.core().getName() + " -> " + pair.avro().getName();
            if (components == null) {
                throw new IllegalArgumentException("not a record: " + what);
            }
            Set<String> fields = schema.getFields().stream().map(Schema.Field::name).collect(Collectors.toSet());
            Set<String> names = Arrays.stream(components).map(RecordComponent::getName).collect(Collectors.toSet());
            if (!fields.equals(names)) {
                throw new IllegalArgumentException("fields differ: " + what + ": core " + names + ", Avro " + fields);
            }
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            MethodHandle[] getters = new MethodHandle[components.length];
            int[] positions = new int[components.length];
            Converter[] converters = new Converter[components.length];
            try {
                for (int i = 0; i < components.length; i++) {
                    Schema.Field f = schema.getField(components[i].getName());
                    getters[i] = lookup.unreflect(components[i].getAccessor())
                            .asType(MethodType.methodType(Object.class, Object.class));
                    positions[i] = f.pos();
                    converters[i] = converter(f.schema(), what + "." + f.name());
                }
                MethodHandle newRecord = lookup.findConstructor(pair.avro(), MethodType.methodType(void.class))
                        .asType(MethodType.methodType(SpecificRecord.class));
                return new Mapping(newRecord, getters, positions, converters);
            } catch (ReflectiveOperationException e) {
                throw new IllegalArgumentException("cannot map " + what, e);
            }
        }

        SpecificRecord apply(Object record) {
            try {
                SpecificRecord out = (SpecificRecord) newRecord.invokeExact();
                for (int i = 0; i < getters.length; i++) {
                    out.put(positions[i], converters[i].convert((Object) getters[i].invokeExact(record)));
                }
                return out;
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static Converter converter(Schema schema, String where) {
        switch (schema.getType()) {
            case UNION: {
                List<Schema> branches = schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL)
                        .toList();
                if (branches.size() != 1) {
                    throw new IllegalArgumentException("only [null, T] unions are mapped: " + where);
                }
                Converter inner = converter(branches.get(0), where);
                return v -> v == null ? null : inner.convert(v);
            }
            case STRING:
                return v -> v instanceof Period p ? p.label() : (String) v;
            case BYTES:
                if (schema.getLogicalType() instanceof LogicalTypes.Decimal d) {
                    int scale = d.getScale();
                    return v -> ((BigDecimal) v).setScale(scale, RoundingMode.HALF_EVEN);
                }
                throw new IllegalArgumentException("bytes without a decimal type are not mapped: " + where);
            case ENUM: {
                @SuppressWarnings({"unchecked", "rawtypes"})
                Class<Enum> type = (Class<Enum>) SpecificData.get().getClass(schema);
                return v -> enumOf(type, ((Enum<?>) v).name());
            }
            case RECORD: {
                Class<?> avro = SpecificData.get().getClass(schema);
                return v -> map(v, avro);
            }
            case ARRAY: {
                Converter element = converter(schema.getElementType(), where + "[]");
                return v -> {
                    List<?> in = (List<?>) v;
                    List<Object> out = new ArrayList<>(in.size());
                    in.forEach(e -> out.add(element.convert(e)));
                    return out;
                };
            }
            case MAP: {
                Converter element = converter(schema.getValueType(), where + "{}");
                return v -> {
                    Map<Object, Object> out = new LinkedHashMap<>();
                    ((Map<?, ?>) v).forEach((k, e) -> out.put(k, element.convert(e)));
                    return out;
                };
            }
            default:
                return v -> v;
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumOf(Class<Enum> type, String name) {
        return Enum.valueOf(type, name);
    }
}
