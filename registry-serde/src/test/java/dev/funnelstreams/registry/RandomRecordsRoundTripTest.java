package dev.funnelstreams.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelstreams.avro.ActivityLogged;
import dev.funnelstreams.avro.Contact;
import dev.funnelstreams.avro.Customer;
import dev.funnelstreams.avro.LeadCreated;
import dev.funnelstreams.avro.LeadEvent;
import dev.funnelstreams.avro.LeadLost;
import dev.funnelstreams.avro.LeadUpdated;
import dev.funnelstreams.avro.OwnerChanged;
import dev.funnelstreams.avro.StageChanged;
import dev.funnelstreams.registry.internals.RandomText;
import dev.funnelstreams.registry.testdata.Colour;
import dev.funnelstreams.registry.testdata.ContainersEvent;
import dev.funnelstreams.registry.testdata.LogicalMixEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/**
 * Random records through the serde against Avro's own SpecificDatumWriter and SpecificDatumReader:
 * every LeadEvent branch, decimals of several precisions and scales (a long's worth and wider, and
 * values Avro rescales or rejects), timestamps, dates, nulls, unions, CJK and supplementary text,
 * and the enums, arrays and maps that stay with Avro. Same bytes (or both rejected), same record
 * back, equal to the one written unless Avro rescaled a decimal.
 */
class RandomRecordsRoundTripTest {

    private static final int RECORDS = 3_000;

    private final Random random = new Random(20261205);
    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    private final KafkaAvroSerializer<SpecificRecord> serializer = new KafkaAvroSerializer<>(registry);

    @Test
    void randomLeadEvents() throws IOException {
        check(LeadEvent.class, this::leadEvent);
    }

    @Test
    void randomLogicalTypes() throws IOException {
        check(LogicalMixEvent.class, this::logicalMix);
    }

    @Test
    void randomContainersLeftToAvro() throws IOException {
        check(ContainersEvent.class, this::containers);
    }

    private <T extends SpecificRecord> void check(Class<T> type, Function<Random, T> generator) throws IOException {
        KafkaAvroDeserializer<T> deserializer = new KafkaAvroDeserializer<>(registry, type);
        int rescaled = 0;
        int rejected = 0;
        for (int i = 0; i < RECORDS; i++) {
            T record = generator.apply(random);
            byte[] expected;
            try {
                expected = avroBytes(record);
            } catch (RuntimeException avroRejects) {
                rejected++;
                try {
                    serializer.serialize("t", record);
                    throw new AssertionError("Avro rejects, the serde wrote " + record + ": " + avroRejects);
                } catch (SerializationException e) {
                    continue;
                }
            }
            byte[] wire = serializer.serialize("t", record);
            assertThat(Arrays.copyOfRange(wire, WireFormat.HEADER_LENGTH, wire.length)).as("%s", record)
                    .isEqualTo(expected);
            T back = deserializer.deserialize("t", wire);
            Object avroBack = new SpecificDatumReader<>(record.getSchema(), record.getSchema())
                    .read(null, DecoderFactory.get().binaryDecoder(expected, null));
            assertThat(back).isEqualTo(avroBack);
            if (back.equals(record)) {
                continue;
            }
            rescaled++;
            assertThat(avroBytes(back)).isEqualTo(expected); // only a decimal's scale changed
        }
        // the generators make some of each on purpose
        if (type != ContainersEvent.class) {
            assertThat(rejected).isPositive();
        }
        assertThat(rescaled).isLessThan(RECORDS / 2);
    }

    private LeadEvent leadEvent(Random r) {
        Object payload = switch (r.nextInt(6)) {
            case 0 -> LeadCreated.newBuilder()
                    .setChannel(maybeText(r)).setCampaign(maybeText(r)).setOwner(maybeText(r)).setStage(maybeText(r))
                    .setCustomer(r.nextBoolean() ? null : new Customer(maybeText(r), maybeText(r), maybeText(r)))
                    .setContact(r.nextBoolean() ? null : new Contact(maybeText(r), maybeText(r), maybeText(r)))
                    .setEstimatedValue(maybeDecimal(r, 18, 2)).setEstimatedValueCleared(r.nextBoolean())
                    .setTier(maybeText(r)).build();
            case 1 -> StageChanged.newBuilder().setToStage(RandomText.string(r, false)).setFromStage(maybeText(r))
                    .setNote(maybeText(r)).setAmount(maybeDecimal(r, 18, 2)).build();
            case 2 -> ActivityLogged.newBuilder().setActivity(maybeText(r)).setNote(maybeText(r)).build();
            case 3 -> OwnerChanged.newBuilder().setOwner(maybeText(r)).build();
            case 4 -> LeadUpdated.newBuilder().setEstimatedValue(maybeDecimal(r, 18, 2))
                    .setEstimatedValueCleared(r.nextBoolean()).setTier(maybeText(r)).setIndustry(maybeText(r)).build();
            default -> LeadLost.newBuilder().setReason(maybeText(r)).setDetail(maybeText(r)).build();
        };
        return LeadEvent.newBuilder().setEventId(RandomText.string(r, false)).setLeadId(RandomText.string(r, false))
                .setOccurredAt(instant(r)).setPayload(payload).build();
    }

    private LogicalMixEvent logicalMix(Random r) {
        return LogicalMixEvent.newBuilder()
                .setUnits(decimal(r, 1, 0)).setMoney(decimal(r, 18, 2)).setMaybeMoney(maybeDecimal(r, 18, 2))
                .setFine(decimal(r, 38, 10)).setMaybeHuge(maybeDecimal(r, 60, 0))
                .setAt(instant(r)).setMaybeAt(r.nextBoolean() ? null : instant(r))
                .setDay(LocalDate.ofEpochDay(r.nextInt(2_000_000) - 1_000_000))
                .setMaybeDay(r.nextBoolean() ? null : LocalDate.ofEpochDay(r.nextInt(40_000) - 20_000))
                .setText(RandomText.string(r, r.nextInt(10) == 0)).setMaybeText(maybeText(r))
                .setTextFirst(maybeText(r)).setCount(r.nextInt() >> r.nextInt(32)).setTotal(r.nextLong() >> r.nextInt(64))
                .setFlag(r.nextBoolean()).build();
    }

    private ContainersEvent containers(Random r) {
        List<String> tags = new ArrayList<>();
        Map<String, BigDecimal> amounts = new HashMap<>();
        for (int i = r.nextInt(4); i > 0; i--) {
            tags.add(RandomText.string(r, false));
            amounts.put(RandomText.string(r, false), r.nextInt(3) == 0 ? null : decimal(r, 12, 4, false));
        }
        List<Instant> times = null;
        if (r.nextBoolean()) {
            times = new ArrayList<>();
            for (int i = r.nextInt(3); i > 0; i--) {
                times.add(instant(r));
            }
        }
        Colour[] colours = Colour.values();
        return ContainersEvent.newBuilder().setColour(colours[r.nextInt(colours.length)])
                .setMaybeColour(r.nextBoolean() ? null : colours[r.nextInt(colours.length)])
                .setTags(tags).setAmounts(amounts).setTimes(times).setLabel(maybeText(r)).build();
    }

    private static String maybeText(Random r) {
        return r.nextInt(4) == 0 ? null : RandomText.string(r, false);
    }

    private static BigDecimal maybeDecimal(Random r, int precision, int scale) {
        return r.nextInt(4) == 0 ? null : decimal(r, precision, scale);
    }

    private static BigDecimal decimal(Random r, int precision, int scale) {
        return decimal(r, precision, scale, true);
    }

    /**
     * Mostly a value of the schema's scale and at most its precision; with {@code odd}, sometimes a
     * smaller scale Avro widens, a larger one it must round (rejected) or too many digits (rejected).
     */
    private static BigDecimal decimal(Random r, int precision, int scale, boolean odd) {
        int kind = odd ? r.nextInt(20) : 0;
        int digits = kind == 1 ? precision + 1 + r.nextInt(3) : 1 + r.nextInt(precision);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < digits; i++) {
            s.append((char) ('0' + r.nextInt(10)));
        }
        BigInteger unscaled = new BigInteger(s.toString());
        if (r.nextBoolean()) {
            unscaled = unscaled.negate();
        }
        if (r.nextInt(10) == 0) {
            unscaled = BigInteger.valueOf(r.nextInt(3) - 1); // -1, 0, 1
        }
        BigDecimal value = new BigDecimal(unscaled, scale);
        if (kind == 2 && scale > 0) {
            BigDecimal narrower = value.setScale(0, java.math.RoundingMode.DOWN);
            return narrower.setScale(r.nextInt(scale), java.math.RoundingMode.UNNECESSARY); // widened by Avro
        }
        if (kind == 3) {
            return new BigDecimal(unscaled.multiply(BigInteger.TEN).add(BigInteger.ONE), scale + 1); // must round
        }
        return value;
    }

    private static Instant instant(Random r) {
        return switch (r.nextInt(5)) {
            case 0 -> Instant.ofEpochMilli(r.nextLong() >> r.nextInt(64));
            case 1 -> Instant.ofEpochMilli(-r.nextInt(1_000_000));
            default -> Instant.ofEpochMilli(1_700_000_000_000L + r.nextInt(Integer.MAX_VALUE));
        };
    }

    private static byte[] avroBytes(SpecificRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        Schema schema = record.getSchema();
        new SpecificDatumWriter<SpecificRecord>(schema).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
