package dev.funnelstreams.alertsink.route;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.funnelstreams.alertsink.Secret;
import dev.funnelstreams.alertsink.route.ChannelSpec.Smtp;
import dev.funnelstreams.alertsink.route.ChannelSpec.StartTls;
import dev.funnelstreams.avro.out.AlertType;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Reads a routes file (YAML); every error names the key path and what is allowed there. */
public final class RoutesParser {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> TOP = Set.of("channels", "owners", "rules", "default");
    private static final Set<String> CHANNEL = Set.of("type", "url", "secret", "markdown", "ratePerMinute", "smtp", "to");
    private static final Set<String> SMTP = Set.of("host", "port", "from", "username", "password", "starttls", "ssl");
    private static final Set<String> ROUTE = Set.of("channel", "to", "sendCleared");
    private static final Set<String> RULE = Set.of("name", "types", "tiers", "channel", "to", "sendCleared");

    private final SecretRefs secrets;

    public RoutesParser(Map<String, Secret> secrets) {
        this.secrets = new SecretRefs(secrets);
    }

    public Routes parse(String yaml) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new RoutesException("not valid YAML: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new RoutesException("the routes file must be a mapping with channels, owners, rules and default");
        }
        keys("", root, TOP);
        Map<String, ChannelSpec> channels = new LinkedHashMap<>();
        JsonNode cs = root.path("channels");
        if (!cs.isObject() || cs.isEmpty()) {
            throw new RoutesException("channels: at least one named channel is required");
        }
        cs.fields().forEachRemaining(e -> channels.put(e.getKey(), channel("channels." + e.getKey(), e.getKey(), e.getValue())));
        Map<String, Routes.Route> owners = new LinkedHashMap<>();
        root.path("owners").fields().forEachRemaining(e ->
                owners.put(e.getKey(), route("owners." + e.getKey(), e.getValue(), channels)));
        List<Rule> rules = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        int i = 0;
        for (JsonNode r : root.path("rules")) {
            Rule rule = rule("rules[" + i++ + "]", r, channels);
            if (!names.add(rule.name())) {
                throw new RoutesException("rules: duplicate rule name '" + rule.name() + "'");
            }
            rules.add(rule);
        }
        JsonNode d = root.path("default");
        if (d.isMissingNode()) {
            throw new RoutesException("default: a default route is required (for unmapped owners and CONVERSION_DROP)");
        }
        return new Routes(Map.copyOf(channels), Map.copyOf(owners), List.copyOf(rules), route("default", d, channels));
    }

    private ChannelSpec channel(String path, String name, JsonNode n) {
        keys(path, n, CHANNEL);
        ChannelType type;
        try {
            type = ChannelType.parse(text(path + ".type", n.path("type"), true));
        } catch (IllegalArgumentException e) {
            throw new RoutesException(path + ".type: " + e.getMessage(), e);
        }
        int rate = n.path("ratePerMinute").asInt(0);
        if (rate < 0) {
            throw new RoutesException(path + ".ratePerMinute: must be >= 0 (0: the connector's rate.limit.per.minute)");
        }
        List<String> to = list(path + ".to", n.path("to"));
        if (type == ChannelType.EMAIL) {
            if (!n.path("url").isMissingNode()) {
                throw new RoutesException(path + ".url: an e-mail channel has smtp settings, not a url");
            }
            return new ChannelSpec(name, type, Secret.NONE, Secret.NONE, false, rate, smtp(path + ".smtp", n.path("smtp")), to);
        }
        if (!n.path("smtp").isMissingNode()) {
            throw new RoutesException(path + ".smtp: only e-mail channels have smtp settings");
        }
        Secret url = secrets.resolve(path + ".url", text(path + ".url", n.path("url"), true));
        checkUrl(path + ".url", url);
        Secret secret = secrets.resolve(path + ".secret", text(path + ".secret", n.path("secret"), type == ChannelType.WEBHOOK));
        if (!secret.isEmpty() && (type == ChannelType.SLACK || type == ChannelType.WECOM)) {
            throw new RoutesException(path + ".secret: " + type.name().toLowerCase(Locale.ROOT)
                    + " robots are not signed (the token is in the url)");
        }
        boolean markdown = n.path("markdown").asBoolean(false);
        if (markdown && type != ChannelType.DINGTALK && type != ChannelType.WECOM) {
            throw new RoutesException(path + ".markdown: only dingtalk and wecom channels send markdown");
        }
        return new ChannelSpec(name, type, url, secret, markdown, rate, null, to);
    }

    private Smtp smtp(String path, JsonNode n) {
        if (!n.isObject()) {
            throw new RoutesException(path + ": an e-mail channel needs smtp: {host, port, from, ...}");
        }
        keys(path, n, SMTP);
        String starttls = n.path("starttls").asText("required");
        StartTls mode;
        try {
            mode = StartTls.valueOf(starttls.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new RoutesException(path + ".starttls: '" + starttls + "'; allowed: " + Arrays.toString(StartTls.values())
                    .toLowerCase(Locale.ROOT), e);
        }
        int port = n.path("port").asInt(587);
        if (port < 1 || port > 65535) {
            throw new RoutesException(path + ".port: must be 1..65535");
        }
        String username = text(path + ".username", n.path("username"), false);
        Secret password = secrets.resolve(path + ".password", text(path + ".password", n.path("password"), false));
        if (username != null && password.isEmpty()) {
            throw new RoutesException(path + ".password: required when username is set");
        }
        return new Smtp(text(path + ".host", n.path("host"), true), port, text(path + ".from", n.path("from"), true),
                username, password, mode, n.path("ssl").asBoolean(false));
    }

    private Routes.Route route(String path, JsonNode n, Map<String, ChannelSpec> channels) {
        keys(path, n, ROUTE);
        String channel = channelRef(path, n, channels);
        List<String> to = list(path + ".to", n.path("to"));
        needsRecipients(path, channels.get(channel), to);
        return new Routes.Route(channel, to, n.path("sendCleared").asBoolean(false));
    }

    private Rule rule(String path, JsonNode n, Map<String, ChannelSpec> channels) {
        keys(path, n, RULE);
        String channel = channelRef(path, n, channels);
        List<String> to = list(path + ".to", n.path("to"));
        needsRecipients(path, channels.get(channel), to);
        Set<String> types = new LinkedHashSet<>();
        for (String t : list(path + ".types", n.path("types"))) {
            try {
                types.add(AlertType.valueOf(t).name());
            } catch (IllegalArgumentException e) {
                throw new RoutesException(path + ".types: unknown alert type '" + t + "'; allowed: "
                        + Arrays.toString(AlertType.values()), e);
            }
        }
        return new Rule(text(path + ".name", n.path("name"), true), Set.copyOf(types),
                Set.copyOf(list(path + ".tiers", n.path("tiers"))), channel, to, n.path("sendCleared").asBoolean(false));
    }

    private static String channelRef(String path, JsonNode n, Map<String, ChannelSpec> channels) {
        String channel = text(path + ".channel", n.path("channel"), true);
        if (!channels.containsKey(channel)) {
            throw new RoutesException(path + ".channel: unknown channel '" + channel + "'; defined: " + channels.keySet());
        }
        return channel;
    }

    private static void needsRecipients(String path, ChannelSpec c, List<String> to) {
        if (c.type() == ChannelType.EMAIL && to.isEmpty() && c.to().isEmpty()) {
            throw new RoutesException(path + ".to: channel '" + c.name() + "' is e-mail and has no default recipients;"
                    + " give the addresses here");
        }
        if (c.type() != ChannelType.EMAIL && !to.isEmpty()) {
            throw new RoutesException(path + ".to: only e-mail channels take recipients; '" + c.name() + "' is "
                    + c.type().name().toLowerCase(Locale.ROOT));
        }
    }

    private static void checkUrl(String path, Secret url) {
        try {
            URI u = URI.create(url.reveal());
            if (!"https".equals(u.getScheme()) && !"http".equals(u.getScheme()) || u.getHost() == null) {
                throw new RoutesException(path + ": must be an http(s) URL");
            }
        } catch (IllegalArgumentException e) {
            // the message would quote the URL, which holds the robot's token
            throw new RoutesException(path + ": not a valid URL");
        }
    }

    private static void keys(String path, JsonNode n, Set<String> allowed) {
        if (!n.isObject()) {
            throw new RoutesException((path.isEmpty() ? "(top level)" : path) + ": must be a mapping");
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) {
                throw new RoutesException((path.isEmpty() ? "" : path + ".") + k + ": unknown key; allowed: "
                        + allowed.stream().sorted().toList());
            }
        }
    }

    private static String text(String path, JsonNode n, boolean required) {
        if (n.isMissingNode() || n.isNull()) {
            if (required) {
                throw new RoutesException(path + ": required");
            }
            return null;
        }
        if (!n.isValueNode() || n.asText().isBlank()) {
            throw new RoutesException(path + ": must be a non-empty text");
        }
        return n.asText().strip();
    }

    private static List<String> list(String path, JsonNode n) {
        if (n.isMissingNode() || n.isNull()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        if (n.isValueNode()) {
            out.add(text(path, n, true));
        } else if (n.isArray()) {
            int i = 0;
            for (JsonNode e : n) {
                out.add(text(path + "[" + i++ + "]", e, true));
            }
        } else {
            throw new RoutesException(path + ": must be a text or a list of texts");
        }
        return List.copyOf(out);
    }
}
