package dev.funnelstreams.streams.http;

import dev.funnelstreams.streams.state.StoredString;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The leading bytes of the cell-store keys of one kind with their first fields fixed, for a prefix
 * scan: a cell key is its type tag followed by its fields as length-prefixed strings ({@link StoredString},
 * {@link dev.funnelstreams.streams.state.CellCodec}), so fixing the first fields gives a prefix
 * (e.g. all stage-flow cells of 2026-W09 and dimension channel). A test holds this to CellCodec.
 */
final class CellPrefix {

    private CellPrefix() {
    }

    static byte[] of(byte tag, String... leadingFields) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(32);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(tag);
            for (String f : leadingFields) {
                StoredString.write(out, f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
