package dev.funnelstreams.alertsink.route;

import dev.funnelstreams.alertsink.Secret;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${secret:NAME}} in a routes-file value by the connector's {@code secret.NAME}
 * setting. Those settings can come from a Connect config provider ({@code ${file:...}},
 * {@code ${env:...}}), so the routes file itself holds no secret.
 */
final class SecretRefs {

    private static final Pattern REF = Pattern.compile("\\$\\{secret:([A-Za-z0-9_.-]+)}");

    private final Map<String, Secret> secrets;

    SecretRefs(Map<String, Secret> secrets) {
        this.secrets = secrets;
    }

    Secret resolve(String path, String value) {
        if (value == null) {
            return Secret.NONE;
        }
        Matcher m = REF.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Secret s = secrets.get(m.group(1));
            if (s == null) {
                throw new RoutesException(path + ": refers to ${secret:" + m.group(1) + "} but the connector has no"
                        + " setting secret." + m.group(1));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(s.reveal()));
        }
        m.appendTail(out);
        return Secret.of(out.toString());
    }
}
