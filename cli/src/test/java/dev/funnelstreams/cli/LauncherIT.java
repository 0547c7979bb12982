package dev.funnelstreams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/funnel}, the README's launcher, as a user runs it: the JVM options it picks for each command
 * ({@code -XX:+PrintCommandLineFlags} in {@code FUNNEL_JAVA_OPTS} prints the ones the JVM took), and a report
 * through it that writes what the same report writes without it.
 */
class LauncherIT {

    private static final Path LAUNCHER = Path.of("..", "bin", "funnel");
    private static final Path CONFIG = Path.of("..", "examples", "funnel.yaml");
    private static final String THP = "/sys/kernel/mm/transparent_hugepage/enabled";

    @Test
    void theReportRunsOnTheParallelCollectorFromA1GiBHeapWithTheSameOutput(@TempDir Path dir) throws Exception {
        Path events = dir.resolve("events.jsonl");
        assertThat(JarRun.of("generate", "--config", CONFIG.toString(), "--seed", "7", "--leads", "200",
                "--out", events.toString()).exitCode()).isZero();

        JarRun launched = launch("-XX:+PrintCommandLineFlags", "report", "--config", CONFIG.toString(),
                "--events", events.toString(), "--out", dir.resolve("launched").toString());
        JarRun plain = JarRun.of("report", "--config", CONFIG.toString(), "--events", events.toString(),
                "--out", dir.resolve("plain").toString());

        assertThat(launched.exitCode()).as(launched.all()).isZero();
        assertThat(plain.exitCode()).as(plain.all()).isZero();
        String flags = launched.out().get(0);
        assertThat(flags).contains("-XX:+UseParallelGC", "-XX:InitialHeapSize=1073741824", "-XX:GCTimeRatio=4",
                "-XX:NewSize=167772160", "-XX:MaxNewSize=167772160");
        if (hugePagesOnRequest()) {
            assertThat(flags).contains("-XX:+UseTransparentHugePages");
        } else {
            assertThat(flags).doesNotContain("-XX:+UseTransparentHugePages");
        }
        assertThat(files(dir.resolve("launched"))).isNotEmpty().isEqualTo(files(dir.resolve("plain")));
        for (String name : files(dir.resolve("plain"))) {
            assertThat(dir.resolve("launched").resolve(name)).as(name)
                    .hasSameBinaryContentAs(dir.resolve("plain").resolve(name));
        }
    }

    @Test
    void aHeapSizeInFunnelJavaOptsReplacesTheLaunchersInitialHeap() throws Exception {
        // -Xms1g beside -Xmx256m would stop the JVM: "Initial heap size set to a larger value than the maximum"
        JarRun launched = launch("-XX:+PrintCommandLineFlags -Xmx256m", "report", "--help");

        assertThat(launched.exitCode()).as(launched.all()).isZero();
        assertThat(launched.out().get(0)).contains("-XX:MaxHeapSize=268435456", "-XX:+UseParallelGC")
                .doesNotContain("-XX:InitialHeapSize=1073741824", "-XX:NewSize=167772160");
    }

    @Test
    void theStreamingCommandsKeepG1AndTheJvmsHeapDefaults() throws Exception {
        JarRun launched = launch("-XX:+PrintCommandLineFlags", "validate-config", "--help");

        assertThat(launched.exitCode()).as(launched.all()).isZero();
        assertThat(launched.out().get(0)).contains("-XX:+UseG1GC", "-XX:GCTimeRatio=4")
                .doesNotContain("-XX:InitialHeapSize=1073741824", "-XX:+UseTransparentHugePages",
                        "-XX:+UseParallelGC", "-XX:NewSize=167772160");
    }

    /** Whether the kernel gives transparent huge pages to a mapping that asks for them. */
    private static boolean hugePagesOnRequest() throws IOException {
        Path mode = Path.of(THP);
        if (!Files.isReadable(mode)) {
            return false;
        }
        String selected = Files.readString(mode);
        return selected.contains("[madvise]") || selected.contains("[always]");
    }

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** {@code FUNNEL_JAVA_OPTS=javaOpts bin/funnel args}, the java of this JVM first on the PATH. */
    private static JarRun launch(String javaOpts, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", LAUNCHER.toString()));
        command.addAll(List.of(args));
        return JarRun.run(command, Map.of("FUNNEL_JAVA_OPTS", javaOpts,
                "PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + System.getenv("PATH")));
    }
}
