package dev.funnelstreams.registry.internals;

import java.util.Random;

/** Random text for coding tests: ASCII, Latin-1, 2-byte, CJK and supplementary characters, optionally unpaired surrogates. */
public final class RandomText {

    private static final String CJK = "华东精密王芳采购经理销售线索阶段客户名前東京日本語한국어";

    private RandomText() {
    }

    public static String string(Random random, boolean unpairedSurrogates) {
        int length = random.nextInt(4) == 0 ? random.nextInt(200) : random.nextInt(16);
        StringBuilder s = new StringBuilder(length);
        int mix = random.nextInt(4); // 0: ASCII only, 1: mostly CJK, 2/3: anything
        for (int i = 0; i < length; i++) {
            int kind = mix == 0 ? 0 : mix == 1 ? (random.nextInt(4) == 0 ? 0 : 3) : random.nextInt(unpairedSurrogates ? 7 : 6);
            switch (kind) {
                case 0 -> s.append((char) random.nextInt(0x80));
                case 1 -> s.append((char) (0x80 + random.nextInt(0x80))); // Latin-1 supplement
                case 2 -> s.append((char) (0x100 + random.nextInt(0x700))); // other 2-byte UTF-8
                case 3 -> s.append(CJK.charAt(random.nextInt(CJK.length())));
                case 4 -> s.append((char) (0x800 + random.nextInt(0xD800 - 0x800))); // any BMP before surrogates
                case 5 -> s.appendCodePoint(0x10000 + random.nextInt(0x10FFFF - 0x10000 + 1)); // a pair
                default -> s.append((char) (0xD800 + random.nextInt(0x800))); // a lone surrogate
            }
        }
        return s.toString();
    }
}
