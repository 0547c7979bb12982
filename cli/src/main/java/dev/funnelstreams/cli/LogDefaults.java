package dev.funnelstreams.cli;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The {@code funnel} command's slf4j-simple settings, as system properties set before the first
 * logger exists (slf4j-simple reads them once): the project's loggers ({@code dev.funnelstreams})
 * at INFO, every other one (Kafka clients, Kafka Streams, the broker, Jetty, Apicurio) at WARN, so a
 * command prints its own progress and result lines. {@code --verbose} puts them all at INFO. A
 * setting the user gave as a system property ({@code -Dorg.slf4j.simpleLogger...}, e.g. in
 * {@code FUNNEL_JAVA_OPTS}) is never changed, and a {@code simplelogger.properties} on the class path
 * replaces these defaults altogether.
 */
final class LogDefaults {

    static final String PREFIX = "org.slf4j.simpleLogger.";
    static final String FILE = "simplelogger.properties";

    private static final Map<String, String> QUIET = new LinkedHashMap<>();
    private static final Map<String, String> VERBOSE = new LinkedHashMap<>();

    static {
        QUIET.put(PREFIX + "defaultLogLevel", "warn");
        QUIET.put(PREFIX + "log.dev.funnelstreams", "info");
        // Both warn once per retry of a connection that the commands' preflight reports in one line,
        // naming the address, when it fails for good (15 s of "Connection to node -1 could not be
        // established", four "Schema registry call ... failed (attempt n/4)").
        QUIET.put(PREFIX + "log.org.apache.kafka.clients.NetworkClient", "error");
        QUIET.put(PREFIX + "log.dev.funnelstreams.registry.internals.RegistryTransport", "error");
        // as funnel demo's log file (DemoCommand), which sees these first when run through this command
        QUIET.put(PREFIX + "showDateTime", "true");
        QUIET.put(PREFIX + "dateTimeFormat", "HH:mm:ss.SSS");

        VERBOSE.put(PREFIX + "defaultLogLevel", "info");
        VERBOSE.put(PREFIX + "log.org.apache.kafka.clients.NetworkClient", "info");
        VERBOSE.put(PREFIX + "log.dev.funnelstreams.registry.internals.RegistryTransport", "info");
    }

    /** The keys set here (not by the user); only these are changed by {@link #verbose()}. */
    private final Set<String> ours;

    private LogDefaults(Set<String> ours) {
        this.ours = ours;
    }

    /** Sets the quiet defaults the user has not set; call it before anything logs. */
    static LogDefaults apply() {
        Set<String> ours = new HashSet<>();
        if (!userFileOnClassPath()) {
            QUIET.forEach((key, value) -> {
                if (System.getProperty(key) == null) {
                    System.setProperty(key, value);
                    ours.add(key);
                }
            });
        }
        return new LogDefaults(ours);
    }

    /** {@code --verbose}: every logger at INFO, unless the user set its level; before anything logs. */
    void verbose() {
        VERBOSE.forEach((key, value) -> {
            if (ours.contains(key)) {
                System.setProperty(key, value);
            }
        });
    }

    private static boolean userFileOnClassPath() {
        // where slf4j-simple looks for it (SimpleLoggerConfiguration)
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return (loader != null ? loader.getResource(FILE) : ClassLoader.getSystemResource(FILE)) != null;
    }
}
