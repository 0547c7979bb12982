package dev.funnelstreams.alertsink.message;

import java.util.Locale;

/** The language of a notice: the configured one, or under {@code auto} that of the alert's own message. */
public enum Language {
    ZH, EN;

    /** {@code configured} is auto, zh or en; under auto a message with any CJK ideograph is Chinese. */
    public static Language of(String message, String configured) {
        return switch (configured.toLowerCase(Locale.ROOT)) {
            case "zh" -> ZH;
            case "en" -> EN;
            default -> message != null && message.codePoints().anyMatch(Language::isCjk) ? ZH : EN;
        };
    }

    private static boolean isCjk(int cp) {
        Character.UnicodeScript s = Character.UnicodeScript.of(cp);
        return s == Character.UnicodeScript.HAN || s == Character.UnicodeScript.HIRAGANA
                || s == Character.UnicodeScript.KATAKANA || s == Character.UnicodeScript.HANGUL;
    }
}
