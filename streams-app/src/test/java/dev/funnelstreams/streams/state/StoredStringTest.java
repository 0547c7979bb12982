package dev.funnelstreams.streams.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Strings in the stores' binary forms: writeUTF's bytes while they fit (so existing stores read as before), a long
 * form past its 65,535-byte limit, on which writeUTF threw and stopped the app.
 */
class StoredStringTest {

    @Test
    void aStringThatFitsIsWrittenAsWriteUtfWritesIt() throws IOException {
        List<String> fitting = List.of("", "展会", "a\u0000b", "\uD840\uDC00", "lone \uD800 surrogate", "a".repeat(65_535),
                "名".repeat(21_845), "名" + "a".repeat(65_532));
        for (String s : fitting) {
            ByteArrayOutputStream utf = new ByteArrayOutputStream();
            new DataOutputStream(utf).writeUTF(s);
            assertThat(bytes(s)).as("%.20s", s).isEqualTo(utf.toByteArray());
            assertThat(roundTrip(s)).isEqualTo(s);
        }
    }

    @Test
    void aLongerStringTakesTheLongFormAndComesBackWhole() throws IOException {
        List<String> longer = List.of("a".repeat(65_536), "名".repeat(21_846), "名".repeat(170_000),
                "\u0000".repeat(40_000), "x\uD800y".repeat(30_000));
        for (String s : longer) {
            byte[] b = bytes(s);
            assertThat(b).startsWith(0xFF, 0xFF, 0xFF);
            assertThat(roundTrip(s)).as("%.20s", s).isEqualTo(s);
        }
    }

    @Test
    void stringsAfterEachOtherReadBackInOrder() throws IOException {
        List<String> strings = List.of("a".repeat(65_535), "名".repeat(30_000), "", "short", "a".repeat(70_000));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        for (String s : strings) {
            StoredString.write(out, s);
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
        for (String s : strings) {
            assertThat(StoredString.read(in)).isEqualTo(s);
        }
        assertThat(in.available()).isZero();
    }

    private static byte[] bytes(String s) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StoredString.write(new DataOutputStream(bytes), s);
        return bytes.toByteArray();
    }

    private static String roundTrip(String s) throws IOException {
        return StoredString.read(new DataInputStream(new ByteArrayInputStream(bytes(s))));
    }
}
