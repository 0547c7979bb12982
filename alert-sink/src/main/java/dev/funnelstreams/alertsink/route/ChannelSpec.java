package dev.funnelstreams.alertsink.route;

import dev.funnelstreams.alertsink.Secret;
import java.util.List;

/**
 * One named destination of the routes file: a robot, a webhook or an SMTP server. The URL holds the
 * robot's token (DingTalk access_token, WeCom key, Slack and Feishu hook path), so it is a
 * {@link Secret} too; {@code toString} shows neither.
 *
 * @param markdown DingTalk and WeCom: send msgtype markdown instead of text
 * @param ratePerMinute messages per minute this destination accepts (token bucket); 0: the connector default
 * @param to e-mail: default recipients when the route names none
 */
public record ChannelSpec(String name, ChannelType type, Secret url, Secret secret, boolean markdown,
                          int ratePerMinute, Smtp smtp, List<String> to) {

    /** SMTP settings of an e-mail channel. */
    public record Smtp(String host, int port, String from, String username, Secret password, StartTls startTls,
                       boolean ssl) {

        @Override
        public String toString() {
            return "Smtp[host=" + host + ", port=" + port + ", startTls=" + startTls + ", ssl=" + ssl
                    + ", auth=" + (username != null && !username.isEmpty()) + "]";
        }
    }

    /** Whether the SMTP session upgrades to TLS: required (fail without it), optional, or off. */
    public enum StartTls { REQUIRED, OPTIONAL, OFF }

    @Override
    public String toString() {
        return "ChannelSpec[name=" + name + ", type=" + type + ", markdown=" + markdown + ", ratePerMinute="
                + ratePerMinute + (smtp == null ? "" : ", " + smtp) + ", recipients=" + to.size() + "]";
    }
}
