package dev.funnelstreams.streams.state;

import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A string in the stores' binary forms (cell keys and counters, the lead alerts), of any length.
 *
 * <p>One that fits {@link DataOutput#writeUTF}'s limit (65,535 bytes of modified UTF-8) is written as
 * {@code writeUTF} writes it, so every store and repartition record written before stays readable. A longer
 * one is written as the length 0xFFFF, the byte 0xFF, a 4-byte count of UTF-16 code units and the code units:
 * lossless, an unpaired surrogate included. Modified UTF-8 never starts a character with 0xFF, so a
 * {@code writeUTF} string of exactly 65,535 bytes still reads as one. {@code writeUTF} threw on an owner of
 * 30,000 Chinese characters at the commit and stopped the app; the validator now bounds leadIds and dimension
 * values at 1,000 characters, so no input string gets here, but a configured name or a later field may.
 */
public final class StoredString {

    static final int MAX_UTF_BYTES = 0xFFFF;
    private static final int LONG_FORM = 0xFF;

    private StoredString() {
    }

    public static void write(DataOutput out, String s) throws IOException {
        if (fitsUtf(s)) {
            out.writeUTF(s);
            return;
        }
        out.writeShort(MAX_UTF_BYTES);
        out.writeByte(LONG_FORM);
        out.writeInt(s.length());
        out.writeChars(s);
    }

    /** Reads what {@link #write} wrote; {@code in} must support mark and reset (a stream over a byte array does). */
    public static String read(DataInputStream in) throws IOException {
        in.mark(3);
        if (in.readUnsignedShort() < MAX_UTF_BYTES || in.readUnsignedByte() != LONG_FORM) {
            in.reset(); // writeUTF's form, also at exactly 65,535 bytes
            return in.readUTF();
        }
        int chars = in.readInt();
        if (chars < 0) {
            throw new IOException("negative string length " + chars);
        }
        StringBuilder s = new StringBuilder(chars);
        for (int i = 0; i < chars; i++) {
            s.append(in.readChar());
        }
        return s.toString();
    }

    /** Whether {@code writeUTF} takes {@code s}: at most 65,535 bytes of modified UTF-8 (1 to 3 a char). */
    private static boolean fitsUtf(String s) {
        if (s.length() <= MAX_UTF_BYTES / 3) {
            return true;
        }
        long bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            bytes += c >= 0x0001 && c <= 0x007F ? 1 : c <= 0x07FF ? 2 : 3;
        }
        return bytes <= MAX_UTF_BYTES;
    }
}
