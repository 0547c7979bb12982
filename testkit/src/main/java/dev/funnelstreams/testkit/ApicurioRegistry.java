package dev.funnelstreams.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Apicurio Registry (in-memory H2 storage, global BACKWARD compatibility rule) running as a child process
 * on a free loopback port; tests talk to its Confluent-compatible API at {@link #registryUrl()}.
 *
 * <p>The registry must not outlive the JVM that started it, even when that JVM is killed (SIGKILL, a crash), which
 * runs no shutdown hook: an orphaned registry keeps its memory and its ports, and a later test's port can collide
 * with them. Where {@code /bin/sh} exists, the registry JVM is started under {@link #OWNER_WATCH}, a shell that
 * stops it when the pipe on its standard input reaches end of file. Only this JVM holds the pipe's other end, and
 * the kernel closes it when this JVM ends, however it ends.
 */
public final class ApicurioRegistry implements AutoCloseable {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    /**
     * Runs its arguments as a command (the registry JVM) and stops it (SIGTERM) when standard input reaches end of
     * file (the owning JVM closed it or ended) or when the shell itself gets SIGTERM ({@link Process#destroy()});
     * exits with the command's status. A {@code cat} on fd 3 is the watcher; stopped once the command has ended.
     */
    private static final String OWNER_WATCH = String.join("\n",
            // A non-interactive shell gives a background job /dev/null as its standard input: keep the pipe as fd 3.
            "exec 3<&0",
            "\"$@\" </dev/null 3<&- &",
            "child=$!",
            "{ cat <&3 >/dev/null; kill $child 2>/dev/null; } &",
            "watcher=$!",
            "trap 'kill $child 2>/dev/null' TERM INT HUP",
            "while :; do",
            "  wait $child; status=$?",
            "  kill -0 $child 2>/dev/null || break",
            "done",
            // the command has ended: its watcher must not signal its process id later, when it may be another's
            "kill $watcher 2>/dev/null",
            "exit $status");
    private static final Path SHELL = Path.of("/bin/sh");

    private final Process process;
    private final String registryUrl;
    private final Path logFile;
    private final Thread killOnExit;

    private ApicurioRegistry(Process process, String registryUrl, Path logFile) {
        this.process = process;
        this.registryUrl = registryUrl;
        this.logFile = logFile;
        // If the test JVM is killed before JUnit closes us, do not leave an orphaned registry behind.
        this.killOnExit = new Thread(process::destroyForcibly, "apicurio-registry-kill");
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /** Starts the registry from the distribution Maven fetched and returns once its API answers. */
    public static ApicurioRegistry start() {
        return start(ApicurioDistribution.runnerJar());
    }

    static ApicurioRegistry start(Path runnerJar) {
        int port = FreePort.pick();
        Path logFile = Path.of("target", "apicurio-registry-logs", "registry-" + port + ".log").toAbsolutePath();
        return start(runnerJar, port, logFile, List.of());
    }

    /**
     * Starts the registry of the distribution unpacked in {@code home} (unpacked there from {@code archive}
     * first if needed), on {@code port} (0: a free one), logging to {@code logFile}; {@code systemProperties}
     * ({@code -Dk=v} arguments) go to the registry JVM, e.g. a file-backed H2 datasource URL so that
     * schemas outlive the process.
     */
    public static ApicurioRegistry start(Path home, Path archive, int port, Path logFile,
            List<String> systemProperties) {
        return start(ApicurioDistribution.runnerJar(home, archive), port == 0 ? FreePort.pick() : port,
                logFile.toAbsolutePath(), systemProperties);
    }

    /** The archive Maven stored in {@code ~/.m2/repository}, or the one {@code -Dfunnel.apicurio.archive} names. */
    public static Path defaultArchive() {
        return ApicurioDistribution.archive();
    }

    private static ApicurioRegistry start(Path runnerJar, int port, Path logFile, List<String> systemProperties) {
        String javaHome = System.getProperty("java.home");
        List<String> command = new ArrayList<>(List.of(
                Path.of(javaHome, "bin", "java").toString(),
                "-Xmx256m",
                // Quick start on a 2-core machine matters more than peak throughput in tests.
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.http.host=" + FreePort.LOOPBACK,
                "-Dregistry.rules.global.compatibility=BACKWARD"));
        command.addAll(systemProperties);
        command.addAll(List.of("-jar", runnerJar.toString()));
        if (Files.isExecutable(SHELL)) {
            command.addAll(0, List.of(SHELL.toString(), "-c", OWNER_WATCH, "apicurio-owner-watch"));
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(runnerJar.getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile());
        // The app reads KAFKA_BOOTSTRAP_SERVERS, REGISTRY_DATASOURCE_URL and friends: a developer's shell must not
        // turn the in-memory registry into one that talks to their Kafka or database.
        Map<String, String> env = builder.environment();
        String path = env.get("PATH");
        String home = env.get("HOME");
        env.clear();
        putIfPresent(env, "PATH", path);
        putIfPresent(env, "HOME", home);
        env.put("JAVA_HOME", javaHome);
        try {
            Files.createDirectories(logFile.getParent());
            Process process = builder.start();
            ApicurioRegistry registry = new ApicurioRegistry(process,
                    "http://" + FreePort.LOOPBACK + ":" + port + "/apis/ccompat/v7", logFile);
            try {
                registry.awaitReady();
            } catch (RuntimeException e) {
                registry.close();
                throw e;
            }
            return registry;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start Apicurio Registry " + command + "; log: " + logFile, e);
        }
    }

    /** Base URL of the Confluent-compatible API, {@code http://127.0.0.1:N/apis/ccompat/v7}. */
    public String registryUrl() {
        return registryUrl;
    }

    /** The registry's console output, for diagnosing a failed test. */
    public Path logFile() {
        return logFile;
    }

    /** The process started: the owner watch's shell, or the registry JVM where there is no shell. */
    ProcessHandle process() {
        return process.toHandle();
    }

    @Override
    public void close() {
        try {
            process.destroy();
            closeQuietly(process);
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            removeShutdownHook();
        }
    }

    private void awaitReady() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(registryUrl + "/subjects"))
                .timeout(Duration.ofSeconds(5))
                .GET()
                .build();
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Apicurio Registry exited with code " + process.exitValue()
                        + " before it was ready; see " + logFile);
            }
            if (answers(client, probe)) {
                return;
            }
            sleep(POLL_INTERVAL);
        }
        throw new IllegalStateException("Apicurio Registry did not answer GET " + probe.uri() + " with 200 within "
                + STARTUP_TIMEOUT.toSeconds() + " s; see " + logFile);
    }

    private static boolean answers(HttpClient client, HttpRequest probe) {
        try {
            return client.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false; // not listening yet: the expected state while Quarkus boots
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Apicurio Registry", e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Apicurio Registry", e);
        }
    }

    /**
     * For an owner whose own shutdown hook closes this registry in its turn (after the clients that use
     * it): without this, the registry is killed the moment the JVM begins to shut down, while they still run.
     */
    public void closedByOwnerOnExit() {
        removeShutdownHook();
    }

    private void removeShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook is running or has run, which is what close() wanted anyway.
        }
    }

    /** Closes our end of the owner watch's pipe, so that its reader ends too. */
    private static void closeQuietly(Process process) {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // Nothing to do: the process is being stopped anyway.
        }
    }

    private static void putIfPresent(Map<String, String> env, String name, String value) {
        if (value != null) {
            env.put(name, value);
        }
    }
}
