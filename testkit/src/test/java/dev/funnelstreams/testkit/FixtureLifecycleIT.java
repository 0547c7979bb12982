package dev.funnelstreams.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

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

        registry.close();

        assertThat(process.isAlive()).isFalse();
        assertThat(registry.logFile()).isRegularFile();
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
