package dev.funnelstreams.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link EventLines} gives the lines {@code BufferedReader.readLine} gives, for any bytes and any read sizes. */
class EventLinesTest {

    /** Pieces of input: ASCII, line ends, valid multi-byte characters, and bytes that make UTF-8 malformed. */
    private static final byte[][] PIECES = {
        bytes("a"), bytes("{\"eventId\":\"e-1\"}"), bytes("\n"), bytes("\r"), bytes("\r\n"), bytes("é"),
        bytes("线索获取"), bytes("😀"), {(byte) 0xE4}, {(byte) 0xE4, (byte) 0xB8}, {(byte) 0xF0, (byte) 0x9F},
        {(byte) 0xF0, (byte) 0x9F, (byte) 0x98}, {(byte) 0x80}, {(byte) 0xBF}, {(byte) 0xC3}, {(byte) 0xFF},
        {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xC0, (byte) 0xAF}, {0},
    };

    @Provide
    Arbitrary<byte[]> inputs() {
        return Arbitraries.integers().between(0, PIECES.length - 1).list().ofMaxSize(300).map(indexes -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            indexes.forEach(i -> out.writeBytes(PIECES[i]));
            return out.toByteArray();
        });
    }

    @Property(tries = 2000)
    void theLinesAreThoseOfAReader(@ForAll("inputs") byte[] input, @ForAll @IntRange(min = 1, max = 40) int buffer,
            @ForAll long seed) throws IOException {
        List<String> got = new ArrayList<>();
        try (EventLines lines = new EventLines(new Trickle(new ByteArrayInputStream(input), seed), buffer)) {
            lines.forEachRemaining(got::add);
        }
        assertThat(got).containsExactlyElementsOf(readerLines(input));
    }

    @Property(tries = 1000)
    void theBytesViewGivesEachLinesBytes(@ForAll("inputs") byte[] input,
            @ForAll @IntRange(min = 1, max = 40) int buffer, @ForAll long seed) throws IOException {
        List<String> got = new ArrayList<>();
        try (EventLines lines = new EventLines(new Trickle(new ByteArrayInputStream(input), seed), buffer)) {
            lines.utf8().forEachRemaining(line -> got.add(new String(line, StandardCharsets.UTF_8)));
        }
        assertThat(got).containsExactlyElementsOf(readerLines(input));
    }

    @Test
    void aLineLongerThanTheBufferAndNoFinalLineEnd() throws IOException {
        String longLine = "x".repeat(200_000) + "线";
        byte[] input = bytes("first\r\n" + longLine + "\n\nlast");
        List<String> got = new ArrayList<>();
        try (EventLines lines = new EventLines(new ByteArrayInputStream(input))) {
            lines.forEachRemaining(got::add);
        }
        assertThat(got).containsExactly("first", longLine, "", "last");
    }

    @Test
    void opensPlainAndGzipFiles(@TempDir Path dir) throws IOException {
        byte[] input = bytes("{\"a\":1}\n{\"b\":\"需求挖掘\"}\n");
        Path plain = Files.write(dir.resolve("events.jsonl"), input);
        Path gzip = dir.resolve("events.jsonl.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzip))) {
            out.write(input);
        }
        for (Path file : List.of(plain, gzip)) {
            List<String> got = new ArrayList<>();
            try (EventLines lines = EventLines.open(file)) {
                lines.forEachRemaining(got::add);
            }
            assertThat(got).as(file.toString()).containsExactly("{\"a\":1}", "{\"b\":\"需求挖掘\"}");
        }
        Path empty = Files.write(dir.resolve("empty.jsonl"), new byte[0]);
        try (EventLines lines = EventLines.open(empty)) {
            assertThat(lines.hasNext()).isFalse();
        }
    }

    private static List<String> readerLines(byte[] input) throws IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(input),
                StandardCharsets.UTF_8))) {
            return reader.lines().toList();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Returns between 1 and 7 bytes per read, so that lines and characters are cut at every place. */
    private static final class Trickle extends FilterInputStream {

        private final Random random;

        Trickle(InputStream in, long seed) {
            super(in);
            this.random = new Random(seed);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, 1 + random.nextInt(7)));
        }
    }
}
