package dev.funnelstreams.registry.internals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelstreams.avro.LeadCreated;
import dev.funnelstreams.avro.LeadEvent;
import dev.funnelstreams.registry.testdata.ContainersEvent;
import dev.funnelstreams.registry.testdata.LogicalMixEvent;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;

/**
 * The buffer's and the input's own UTF-8 and decimal coding against the JDK's: {@code String.getBytes(UTF_8)},
 * {@code new String(bytes, UTF_8)} (also for malformed bytes) and {@code BigInteger.toByteArray()}.
 */
class DirectCodingTest {

    private final Random random = new Random(10);

    @Test
    void stringsAreEncodedAsStringGetBytes() {
        for (int i = 0; i < 20_000; i++) {
            String s = RandomText.string(random, true);
            byte[] expected = s.getBytes(StandardCharsets.UTF_8);
            EncodingBuffer out = EncodingBuffer.forSchemaId(0);
            out.writeString(s);
            assertThat(body(out)).as("%s", s).isEqualTo(withLength(expected));
        }
    }

    @Test
    void wellFormedUtf8DecodesAsTheJdkDecodes() throws IOException {
        for (int i = 0; i < 20_000; i++) {
            String s = RandomText.string(random, false);
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            assertThat(readString(utf8)).isEqualTo(s).isEqualTo(new String(utf8, StandardCharsets.UTF_8));
        }
    }

    @Test
    void malformedUtf8DecodesAsTheJdkDecodes() throws IOException {
        for (int i = 0; i < 50_000; i++) {
            byte[] bytes = new byte[random.nextInt(12)];
            random.nextBytes(bytes);
            if (random.nextBoolean() && bytes.length > 0) { // mostly well formed, one byte off
                byte[] valid = RandomText.string(random, false).getBytes(StandardCharsets.UTF_8);
                bytes = Arrays.copyOf(valid, valid.length);
                if (bytes.length > 0) {
                    bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                }
                if (random.nextBoolean() && bytes.length > 1) {
                    bytes = Arrays.copyOf(bytes, bytes.length - 1); // cut inside a sequence, maybe
                }
            }
            assertThat(readString(bytes)).as(Arrays.toString(bytes))
                    .isEqualTo(new String(bytes, StandardCharsets.UTF_8));
        }
        byte[][] edges = {
            {(byte) 0xC0, (byte) 0x80}, {(byte) 0xC1, (byte) 0xBF}, {(byte) 0xE0, (byte) 0x80, (byte) 0x80},
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF0, (byte) 0x80, (byte) 0x80, (byte) 0x80},
            {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80},
            {(byte) 0xE4, (byte) 0xB8}, {'a', (byte) 0xE4}, {(byte) 0xFF}, {(byte) 0x80},
        };
        for (byte[] bytes : edges) {
            assertThat(readString(bytes)).isEqualTo(new String(bytes, StandardCharsets.UTF_8));
        }
    }

    @Test
    void longsAreWrittenAsBigIntegerToByteArray() throws IOException {
        long[] edges = {0, 1, -1, 127, 128, -128, -129, 255, 256, 32767, 32768, -32768, -32769,
            Integer.MAX_VALUE, Integer.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE - 1, Long.MIN_VALUE + 1};
        for (long v : edges) {
            checkTwosComplement(v);
        }
        for (int i = 0; i < 20_000; i++) {
            checkTwosComplement(random.nextLong() >> random.nextInt(64));
        }
    }

    private static void checkTwosComplement(long v) throws IOException {
        byte[] expected = BigInteger.valueOf(v).toByteArray();
        EncodingBuffer out = EncodingBuffer.forSchemaId(0);
        out.writeTwosComplement(v);
        assertThat(body(out)).as("%d", v).isEqualTo(withLength(expected));
        BinaryInput in = new BinaryInput(expected, 0, expected.length);
        assertThat(in.readTwosComplement(expected.length)).isEqualTo(v);
    }

    @Test
    void recordsAreCreatedWithoutAMethodHandleAndTheTestSchemasAreCompiled() {
        assertThat(SpecificRecordReader.constructorOf(LeadCreated.class).get()).isInstanceOf(LeadCreated.class);
        assertThat(SpecificRecordReader.constructorOf(LeadCreated.class))
                .isNotInstanceOf(SpecificRecordReader.ByMethodHandle.class);
        for (Schema schema : new Schema[] {LeadEvent.getClassSchema(), LogicalMixEvent.getClassSchema()}) {
            SpecificData model = SpecificData.getForSchema(schema);
            assertThat(SpecificRecordWriter.compile(schema, model)).as(schema.getName()).isNotNull();
            assertThat(SpecificRecordReader.compile(schema, model)).as(schema.getName()).isNotNull();
        }
        Schema containers = ContainersEvent.getClassSchema();
        assertThat(SpecificRecordWriter.compile(containers, SpecificData.getForSchema(containers))).isNull();
    }

    private static String readString(byte[] utf8) throws IOException {
        byte[] withLength = withLength(utf8);
        // some bytes around the slice, so the reader must stay inside it
        byte[] padded = new byte[withLength.length + 6];
        Arrays.fill(padded, (byte) 0xE4);
        System.arraycopy(withLength, 0, padded, 3, withLength.length);
        BinaryInput in = new BinaryInput(padded, 3, withLength.length);
        String s = in.readString();
        assertThat(in.position()).isEqualTo(3 + withLength.length);
        return s;
    }

    private static byte[] withLength(byte[] bytes) {
        EncodingBuffer out = EncodingBuffer.forSchemaId(0);
        out.writeInt(bytes.length);
        out.write(bytes, 0, bytes.length);
        return body(out);
    }

    private static byte[] body(EncodingBuffer out) {
        byte[] all = out.toByteArray();
        return Arrays.copyOfRange(all, 5, all.length);
    }
}
