package dev.funnelstreams.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts fixtures on their own, outside the shared cluster, to check they clean up and to time their start. */
class FixtureLifecycleIT {

    @Test
    void brokerDeletesItsLogDirOnClose() {
        long started = System.nanoTime();
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
        report("EmbeddedKafkaBroker", started);
        Path logDir = broker.logDir();
        broker.createTopic("lifecycle", 2, Map.of("cleanup.policy", "compact"));
        assertThat(logDir).isDirectory();

        broker.close();

        assertThat(logDir).doesNotExist();
    }

    @Test
    void registryProcessEndsOnClose() {
        long started = System.nanoTime();
        ApicurioRegistry registry = ApicurioRegistry.start();
        report("ApicurioRegistry", started);
        ProcessHandle process = registry.process();
        List<ProcessHandle> children = process.descendants().toList();

        registry.close();

        assertThat(process.isAlive()).isFalse();
        assertThat(children).isNotEmpty().noneMatch(ProcessHandle::isAlive);
        assertThat(registry.logFile()).isRegularFile();
    }

    /** A JVM killed with SIGKILL runs no shutdown hook; its registry must stop anyway and free its ports. */
    @Test
    void registryEndsWhenItsOwnerIsKilled() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process owner = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                RegistryOwner.class.getName())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        ProcessHandle registry = null;
        try {
            registry = ProcessHandle.of(registryPid(owner)).orElseThrow();
            assertThat(registry.info().command()).hasValueSatisfying(c -> assertThat(c).endsWith("java"));

            owner.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL

            // onExit() completes when the process has ended (for a process that is not our child, by polling).
            registry.onExit().get(20, TimeUnit.SECONDS);
            assertThat(registry.isAlive()).isFalse();
        } finally {
            owner.destroyForcibly();
            if (registry != null) {
                registry.destroyForcibly(); // a failed run must not leave the registry behind either
            }
        }
    }

    private static long registryPid(Process owner) throws Exception {
        BufferedReader lines = new BufferedReader(new InputStreamReader(owner.getInputStream(),
                StandardCharsets.UTF_8));
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (line.startsWith("registry ")) {
                return Long.parseLong(line.substring("registry ".length()).trim());
            }
        }
        throw new AssertionError("the owner JVM ended without starting a registry, exit code " + owner.waitFor());
    }

    @Test
    void unpacksDistributionFetchedByMaven(@TempDir Path dir) {
        Path home = dir.resolve("apicurio-registry");

        ApicurioDistribution.unpack(ApicurioDistribution.archive(), home);

        assertThat(home.resolve("apicurio-registry-app-" + ApicurioDistribution.VERSION + "-runner.jar")).isRegularFile();
        assertThat(home.resolve("lib")).isDirectory();
    }

    private static void report(String fixture, long startedNanos) {
        System.out.printf("%s started in %d ms%n", fixture, (System.nanoTime() - startedNanos) / 1_000_000);
    }
}
