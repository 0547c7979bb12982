package dev.funnelstreams.streams.runtime;

import dev.funnelstreams.registry.RegistryAuthorizationException;
import dev.funnelstreams.registry.RegistryUnavailableException;
import dev.funnelstreams.registry.SchemaNotFoundException;
import dev.funnelstreams.registry.SchemaRegistryClient;
import dev.funnelstreams.streams.AppConfig;
import dev.funnelstreams.streams.Causes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;

/** Checks at start that the broker and the registry answer, so a wrong address is one clear line. */
public final class Preflight {

    /** A dependency cannot be reached; the message is one line for the operator. */
    public static final class Unreachable extends Exception {
        private static final long serialVersionUID = 1L;

        Unreachable(String message) {
            super(message, null, false, false);
        }
    }

    private Preflight() {
    }

    public static void broker(AppConfig config) throws Unreachable, InterruptedException {
        broker(ClientSettings.common(config));
    }

    /** The same for any client settings (bootstrap.servers, security); the message names the servers. */
    public static void broker(Map<String, Object> clientSettings) throws Unreachable, InterruptedException {
        Map<String, Object> props = new HashMap<>(clientSettings);
        Object servers = props.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        try (Admin admin = Admin.create(props)) {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(15_000)).nodes().get(20, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            // KafkaException: the client did not start (no bootstrap server resolves, or one is not HOST:PORT)
            throw new Unreachable("cannot reach Kafka at " + servers + " (" + describe(e) + "); check"
                    + " --bootstrap-servers or streams.bootstrapServers, and that the broker is running");
        }
    }

    public static void registry(AppConfig config, SchemaRegistryClient client) throws Unreachable {
        registry(config.schemaRegistryUrl(), client);
    }

    /** The registry at {@code url} answers {@code client}'s calls; the message names the URL. */
    public static void registry(String url, SchemaRegistryClient client) throws Unreachable {
        if (url == null) {
            throw new Unreachable("no schema registry URL (--schema-registry-url or streams.schemaRegistry.url)");
        }
        try {
            client.getLatest("funnel-streams-preflight-probe-value");
        } catch (SchemaNotFoundException expected) {
            // the registry answered
        } catch (RegistryUnavailableException | RegistryAuthorizationException e) {
            throw new Unreachable("cannot use the schema registry at " + url + " (" + e.getMessage() + "); check"
                    + " --schema-registry-url or streams.schemaRegistry (URL, credentials), and that it is running");
        }
    }

    /**
     * The topics exist and every partition's leader answers ({@link TopicAdmin#awaitWritable}): a
     * producer started right after another tool created them does not meet a partition that is not
     * open yet, and a missing topic is one line naming the fix instead of a minute's wait in the
     * producer (or a topic the broker auto-creates with its own defaults).
     */
    public static void topics(AppConfig config, List<String> names) throws Unreachable, InterruptedException {
        try (Admin admin = Admin.create(ClientSettings.common(config))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<String> missing = names.stream().filter(n -> !existing.contains(n)).toList();
            if (!missing.isEmpty()) {
                throw new Unreachable("no topic " + String.join(", ", missing) + " on " + config.bootstrapServers()
                        + "; create the topics first (funnel topics create --config ...)");
            }
            TopicAdmin.awaitWritable(admin, names);
        } catch (ExecutionException | TimeoutException e) {
            throw new Unreachable("topics " + String.join(", ", names) + " on " + config.bootstrapServers()
                    + " are not writable (" + describe(e) + ")");
        }
    }

    /**
     * {@code e} as one line when an ACL refused the app while it was {@code doing} something at start (what
     * was refused, which ACLs the app needs), else {@code e} itself.
     */
    public static Exception refusedOr(Exception e, AppConfig config, String doing) {
        Optional<Throwable> refused = Causes.first(e, AuthorizationException.class::isInstance);
        if (refused.isPresent()) {
            return new Unreachable("the Kafka broker at " + config.bootstrapServers() + " refused the app " + doing
                    + " (" + refused.get().getClass().getSimpleName() + ": " + refused.get().getMessage()
                    + "); its principal needs READ on the input topics, WRITE on the output topics, and ALL on the"
                    + " topics, the group and the transactional ids prefixed with its applicationId \""
                    + config.applicationId() + "\" (README.md, \"Kafka ACLs\")");
        }
        return e;
    }

    /** The Admin client's failure as "Type: message" of its innermost cause ("Failed to create ..." says nothing). */
    private static String describe(Exception e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }
}
