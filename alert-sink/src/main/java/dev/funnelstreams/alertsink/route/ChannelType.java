package dev.funnelstreams.alertsink.route;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The kinds of destination a routes file can name. */
public enum ChannelType {
    DINGTALK, FEISHU, WECOM, SLACK, WEBHOOK, EMAIL;

    public static ChannelType parse(String s) {
        try {
            return valueOf(s.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown channel type '" + s + "'; allowed: " + allowed(), e);
        }
    }

    public static String allowed() {
        return Arrays.stream(values()).map(t -> t.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
    }
}
