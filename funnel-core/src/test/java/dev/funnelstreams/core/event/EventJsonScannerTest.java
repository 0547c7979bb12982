package dev.funnelstreams.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.config.FunnelConfigLoader;
import dev.funnelstreams.core.generate.FunnelGenerator;
import dev.funnelstreams.core.generate.GeneratorOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fast paths parse exactly as the reference parsers: {@link EventJsonScanner} as the Jackson tree
 * ({@link EventJsonReader#reference}: {@code parseTree} of the line as Avro carries it), the instant and money
 * parsers as their regular expressions, on generated lines, on thousands of mutations of them and on hand-picked
 * odd cases.
 */
class EventJsonScannerTest {

    private static final FunnelConfig CONFIG = FunnelConfigLoader.load(Path.of("../examples/funnel.yaml"));
    private static List<String> generated;

    @BeforeAll
    static void generate() throws IOException {
        generated = new ArrayList<>();
        new FunnelGenerator(CONFIG, new GeneratorOptions(11, 1500, LocalDate.of(2026, 1, 1), 120))
                .generate(generated::add);
    }

    private static void assertSameParse(String line) {
        ParseResult tree = EventJsonReader.reference(line);
        ParseResult fast = EventJsonReader.parse(line);
        assertThat(fast).as(line).isEqualTo(tree);
        ParseResult scanned = EventJsonScanner.tryParse(line);
        if (scanned != null) {
            assertThat(scanned).as("scanner accepted " + line).isEqualTo(tree);
        }
    }

    @Test
    void scansEveryGeneratedLineAsTheTreeDoes() {
        int scanned = 0;
        for (String line : generated) {
            assertSameParse(line);
            if (EventJsonScanner.tryParse(line) != null) {
                scanned++;
            }
        }
        assertThat(scanned).as("the generated lines take the fast path").isEqualTo(generated.size());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void agreesWithTheTreeOnMutatedLines(int seed) {
        Random random = new Random(seed);
        String[] inserts = {"{", "}", "[", "]", ",", ":", "\"", "\\", " ", "0", "1.5", "-", "a", "Z", "z", "T", "é",
            "\\u00e9", "\\ud800", "\\n", "\t", "\u0001", "null", "true", "{}", "[]", "\"\"", ".", "+", "e"};
        for (int i = 0; i < 20_000; i++) {
            String line = generated.get(random.nextInt(generated.size()));
            int mutations = 1 + random.nextInt(3);
            for (int m = 0; m < mutations && !line.isEmpty(); m++) {
                int at = random.nextInt(line.length());
                line = switch (random.nextInt(4)) {
                    case 0 -> line.substring(0, at) + line.substring(at + 1);
                    case 1 -> line.substring(0, at) + inserts[random.nextInt(inserts.length)] + line.substring(at);
                    case 2 -> duplicateAField(line, random);
                    default -> line.substring(0, at) + inserts[random.nextInt(inserts.length)]
                            + line.substring(Math.min(line.length(), at + 1 + random.nextInt(4)));
                };
            }
            assertSameParse(line);
        }
    }

    /**
     * A line's UTF-8 bytes parse as the line decoded whole ({@code new String(bytes, UTF_8)}: malformed bytes as
     * U+FFFD): generated lines mutated byte by byte, with malformed, truncated and four-byte sequences, an encoded
     * surrogate, escapes and quotes; each read at an offset inside a larger array.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void readsUtf8BytesAsTheLineDecodedWhole(int seed) {
        Random random = new Random(100 + seed);
        byte[][] inserts = {{(byte) 0x80}, {(byte) 0xBF}, {(byte) 0xC0}, {(byte) 0xC3}, {(byte) 0xC3, (byte) 0xA9},
            {(byte) 0xE4}, {(byte) 0xE4, (byte) 0xB8}, {(byte) 0xE4, (byte) 0xB8, (byte) 0xAD},
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80},
            {(byte) 0xF0, (byte) 0x9F}, {(byte) 0xFF}, {'"'}, {'\\'}, {'\\', 'u', '0', '0', 'e', '9'},
            {'\\', 'n'}, {1}, {' '}, {'{'}, {'}'}, {','}, {':'}, {'a'}};
        int accepted = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] line = generated.get(random.nextInt(generated.size())).getBytes(StandardCharsets.UTF_8);
            int mutations = random.nextInt(4);
            for (int m = 0; m < mutations && line.length > 0; m++) {
                int at = random.nextInt(line.length);
                byte[] insert = inserts[random.nextInt(inserts.length)];
                int cut = random.nextInt(3) == 0 ? Math.min(line.length - at, 1 + random.nextInt(3)) : 0;
                byte[] next = new byte[line.length - cut + insert.length];
                System.arraycopy(line, 0, next, 0, at);
                System.arraycopy(insert, 0, next, at, insert.length);
                System.arraycopy(line, at + cut, next, at + insert.length, line.length - at - cut);
                line = next;
            }
            int offset = random.nextInt(4);
            byte[] framed = new byte[offset + line.length + 2];
            java.util.Arrays.fill(framed, (byte) '"');
            System.arraycopy(line, 0, framed, offset, line.length);
            String decoded = new String(line, StandardCharsets.UTF_8);
            ParseResult fromBytes = EventJson.parse(framed, offset, offset + line.length);
            assertThat(fromBytes).as(decoded).isEqualTo(EventJson.parse(decoded))
                    .isEqualTo(EventJsonReader.reference(decoded));
            if (EventJsonScanner.tryParse(framed, offset, offset + line.length) != null) {
                accepted++;
            }
        }
        assertThat(accepted).as("lines the bytes' scan accepted").isGreaterThan(2_000);
    }

    private static String duplicateAField(String line, Random random) {
        int comma = line.indexOf(",\"", random.nextInt(line.length()));
        if (comma < 0) {
            return line;
        }
        int end = line.indexOf(',', comma + 2);
        return end < 0 ? line : line.substring(0, end) + line.substring(comma, end) + line.substring(end);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"eventId\":\"e-1\",\"type\":\"LeadCreated\",\"leadId\":\"L-1\",\"occurredAt\":\"2026-03-02T09:30:00+08:00\","
            + "\"customer\":{\"name\":null,\"industry\":null},\"contact\":{},\"estimatedValue\":\"\",\"tier\":\"\"}",
        "{\"eventId\":\"e-1\",\"type\":\"LeadCreated\",\"leadId\":\"L-1\",\"occurredAt\":\"2026-03-02T09:30:00+08:00\","
            + "\"customer\":{\"name\":\"x\",\"name\":\"y\"}}",
        "{\"eventId\":\"e-1\",\"type\":\"LeadCreated\",\"leadId\":\"L-1\",\"occurredAt\":\"2026-03-02T09:30:00+08:00\","
            + "\"customer\":\"acme\"}",
        "{\"eventId\":\"e-1\",\"type\":\"LeadCreated\",\"leadId\":\"L-1\",\"occurredAt\":\"2026-03-02T09:30:00+08:00\","
            + "\"customer\":{\"name\":\"x\",\"meta\":{}}}",
        "{\"eventId\":\"e-1\",\"type\":\"LeadCreated\",\"leadId\":\"L-1\",\"occurredAt\":\"2026-03-02T09:30:00+08:00\","
            + "\"estimatedValue\":200000}",
        "{\"eventId\":\"e-1\",\"type\":\"LeadCreated\",\"leadId\":\"L-1\",\"occurredAt\":\"2026-03-02T09:30:00+08:00\","
            + "\"estimatedValue\":\"00000000000000000012.5\"}",
        "{\"eventId\":\"e-1\",\"type\":\"LeadCreated\",\"leadId\":\"L-1\",\"occurredAt\":\"2026-03-02T09:30:00+08:00\","
            + "\"estimatedValue\":\"9999999999999999.99\"}",
        "{\"eventId\":\"e-1\",\"type\":\"LeadCreated\",\"leadId\":\"L-1\",\"occurredAt\":\"2026-03-02T09:30:00+08:00\","
            + "\"estimatedValue\":\"10000000000000000\"}",
        "{\"eventId\":\"e-2\",\"type\":\"StageChanged\",\"leadId\":\"L-1\",\"occurredAt\":\"2026-03-02T09:30:00Z\","
            + "\"toStage\":\"won\",\"amount\":\"-0\",\"note\":\"a\\\"b\\\\c\\/d\\u4e2d\\b\\f\\r\\t\"}",
        "{\"eventId\":\"e-2\",\"type\":\"StageChanged\",\"leadId\":\"L-1\",\"occurredAt\":\"2026-03-02T09:30:00Z\","
            + "\"toStage\":\"won\",\"note\":\"\\x\"}",
        "{\"eventId\":\"e-2\",\"type\":\"StageChanged\",\"leadId\":\"L-1\",\"occurredAt\":\"2026-03-02T09:30:00Z\","
            + "\"toStage\":\"won\",\"note\":\"\\u12G4\"}",
        "{\"eventId\":\"e-2\",\"type\":\"StageChanged\",\"leadId\":\"L-1\",\"occurredAt\":\"2026-03-02T09:30:00Z\","
            + "\"toStage\":\"won\"} {}",
        "{\"eventId\":\"e-2\",\"type\":\"StageChanged\",\"leadId\":\"L-1\",\"occurredAt\":\"2026-03-02T09:30:00Z\","
            + "\"toStage\":\"won\",}",
        "{\"eventId\":\"e-2\",\"type\":\"StageChanged\",\"leadId\":\"L-1\",\"occurredAt\":\"2026-03-02T09:30:00Z\","
            + "\"toStage\":\"won\",\"x\":nul}",
        "{\"eventId\":\"e-2\",\"type\":\"StageChanged\",\"leadId\":\"L-1\",\"occurredAt\":\"2026-03-02T09:30:00Z\","
            + "\"toStage\":\"won\",\"x\":nullx}",
        "{\"eventId\":\"e-3\",\"type\":\"ActivityLogged\",\"leadId\":\"L-1\",\"occurredAt\":\"2026-02-29T09:30:00Z\"}",
        "{\"eventId\":\"e-3\",\"type\":\"ActivityLogged\",\"leadId\":\"L-1\",\"occurredAt\":\"2028-02-29T24:00:00Z\"}",
        "{\"eventId\":\"e-3\",\"type\":\"ActivityLogged\",\"leadId\":\"L-1\",\"occurredAt\":\"2028-02-29T23:59:59.1-18:00\"}",
        "{\"eventId\":\"e-3\",\"type\":\"ActivityLogged\",\"leadId\":\"L-1\",\"occurredAt\":\"2028-02-29T23:59:59.1+18:01\"}",
        "{\"eventId\":\"e-3\",\"type\":\"ActivityLogged\",\"leadId\":\"L-1\",\"occurredAt\":\"0000-01-01T00:00:00-00:00\"}",
        "{\"eventId\":\"e-3\",\"type\":\"ActivityLogged\",\"leadId\":\"L-1\",\"occurredAt\":\"2026-03-02T09:30:00.1234567891Z\"}",
        "{\"eventId\":\"e-3\",\"type\":\"ActivityLogged\",\"leadId\":\"L-1\",\"occurredAt\":\"\",\"currency\":\"USD\"}",
        "{\"eventId\":\"e-4\",\"type\":\"OwnerChanged\",\"leadId\":\"L-1\",\"occurredAt\":\"2026-03-02T09:30:00Z\","
            + "\"owner\":\"\",\"\":\"empty name\",\"note\":{\"a\":\"b\"}}",
        "{\"eventId\":\"e-6\",\"type\":\"LeadLost\",\"leadId\":\"L-1\",\"occurredAt\":\"2026-03-02T09:30:00Z\","
            + "\"reason\":\"\",\"detail\":\"\"}",
        "{\"eventId\":\"s-1\",\"type\":\"ChannelSpend\",\"channel\":\"ads\",\"date\":\"2026-02-30\",\"amount\":\"1.00\"}",
        "{\"eventId\":\"s-1\",\"type\":\"ChannelSpend\",\"channel\":\"ads\",\"date\":\"2026-02-28\",\"amount\":\"\"}",
        "{\"eventId\":\"s-1\",\"type\":\"ChannelSpend\",\"channel\":\"ads\",\"date\":\"2026-02-28\",\"amount\":\"1.00\","
            + "\"campaign\":\"\",\"reportedAt\":null,\"occurredAt\":5}",
        "\uFEFF{\"eventId\":\"s-1\",\"type\":\"ChannelSpend\",\"channel\":\"ads\",\"date\":\"2026-02-28\",\"amount\":\"1\"}",
        // field names: escaped, one character off a known name, beside non-ASCII text, duplicated through an escape
        "{\"eventId\":\"e-3\",\"\\u0074ype\":\"ActivityLogged\",\"leadId\":\"L-1\","
            + "\"occurredAt\":\"2026-03-02T09:30:00Z\",\"not\\u0065\":\"\u4e2d\"}",
        "{\"eventId\":\"e-3\",\"type\":\"ActivityLogged\",\"leadId\":\"L-1\",\"occurredAt\":\"2026-03-02T09:30:00Z\","
            + "\"typ\":\"a\",\"typeX\":\"b\",\"Type\":\"c\",\"notë\":\"d\",\"note\u0001\":\"e\",\"activity\":\"电话\"}",
        "{\"eventId\":\"e-3\",\"type\":\"ActivityLogged\",\"leadId\":\"L-1\",\"occurredAt\":\"2026-03-02T09:30:00Z\","
            + "\"note\":\"a\",\"n\\u006fte\":\"b\"}",
        "{\"eventId\":\"e-1\",\"type\":\"LeadCreated\",\"leadId\":\"L-1\",\"occurredAt\":\"2026-03-02T09:30:00Z\","
            + "\"customer\":{\"type\":\"x\",\"name\":\"公司\",\"reportedAt\":\"y\"},\"contact\":{\"tier\":\"A\"}}",
        "{}", "{\"type\":null}", "{\"type\":\"\"}", "[]", "\"x\"", "1", " {\"type\":\"ChannelSpend\" ",
    })
    void agreesWithTheTreeOnOddLines(String line) {
        assertSameParse(line);
    }

    @Test
    void parsesInstantsAsTheRegularExpression() {
        Random random = new Random(5);
        String[] parts = {"2026", "-", "03", "02", "T", "t", "09", ":", "30", "00", "60", "59", "24", "23", ".", "1",
            "123", "123456789", "1234567890", "Z", "z", "+08:00", "-08:00", "+18:00", "+18:01", "-00:00", "+05:60",
            "02-29", "2028", "00", "13", "31", "0", " "};
        List<String> texts = new ArrayList<>(List.of("2026-03-02T09:30:00Z", "2026-03-02T09:30:00.5+08:00",
                "2028-02-29T23:59:59.999999999-18:00", "2026-02-29T00:00:00Z", "2026-04-31T00:00:00Z",
                "2026-03-02T09:30:00+19:00", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999+00:00"));
        for (int i = 0; i < 50_000; i++) {
            StringBuilder sb = new StringBuilder("2026-03-02T09:30:00Z");
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits; e++) {
                int at = random.nextInt(sb.length() + 1);
                int cut = Math.min(sb.length(), at + random.nextInt(4));
                sb.replace(at, cut, parts[random.nextInt(parts.length)]);
            }
            texts.add(sb.toString());
        }
        for (String text : texts) {
            Object fast = outcome(() -> Rfc3339.parse(text));
            Object slow = outcome(() -> Rfc3339.parseRegex(text));
            assertThat(fast).as(text).isEqualTo(slow);
        }
    }

    @Test
    void parsesMoneyAsTheRegularExpression() {
        Random random = new Random(6);
        String[] parts = {"0", "1", "9", "00", "99", ".", "-", "+", "e", " ", "12345678", "0000000000"};
        List<String> texts = new ArrayList<>(List.of("0", "-0", "0.00", "-0.5", "1.", ".5", "9999999999999999.99",
                "10000000000000000", "-9999999999999999.99", "00000000000000000001.25", "1.234", "", "-"));
        for (int i = 0; i < 50_000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = 1 + random.nextInt(5);
            for (int k = 0; k < n; k++) {
                sb.append(parts[random.nextInt(parts.length)]);
            }
            texts.add(sb.toString());
        }
        for (String text : texts) {
            Object fast = outcome(() -> Money.parse(text));
            Object slow = outcome(() -> Money.parseRegex(text));
            assertThat(fast).as(text).isEqualTo(slow);
        }
    }

    /** The value, or the exception's class and message. */
    private static Object outcome(java.util.concurrent.Callable<?> parse) {
        try {
            return parse.call();
        } catch (Exception e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }
}
