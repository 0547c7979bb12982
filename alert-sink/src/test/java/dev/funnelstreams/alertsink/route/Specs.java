package dev.funnelstreams.alertsink.route;

import dev.funnelstreams.alertsink.Secret;
import java.util.List;

/** Channel specs for tests. */
public final class Specs {

    private Specs() {
    }

    public static ChannelSpec robot(ChannelType type, String name, String url, String secret, boolean markdown) {
        return new ChannelSpec(name, type, Secret.of(url), Secret.of(secret), markdown, 0, null, List.of());
    }

    public static ChannelSpec email(String name, int port, String username, String password) {
        return email(name, port, username, password, ChannelSpec.StartTls.OFF);
    }

    public static ChannelSpec email(String name, int port, String username, String password, ChannelSpec.StartTls tls) {
        return new ChannelSpec(name, ChannelType.EMAIL, Secret.NONE, Secret.NONE, false, 0,
                new ChannelSpec.Smtp("127.0.0.1", port, "alerts@funnel.test", username, Secret.of(password), tls, false),
                List.of());
    }
}
