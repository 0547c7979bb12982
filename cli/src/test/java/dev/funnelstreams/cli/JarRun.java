package dev.funnelstreams.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code java [jvmOptions] -jar target/funnel.jar args} in a JVM of its own, as a user runs it:
 * slf4j-simple there starts from the command's own logging defaults, which an in-process run
 * ({@link CliRun}) cannot show because the test JVM's logging is set up long before.
 */
record JarRun(int exitCode, List<String> out, List<String> err) {

    static JarRun of(List<String> jvmOptions, String... args) throws IOException, InterruptedException {
        Path jar = Path.of("target", "funnel.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath() + " not found: the package phase builds it");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        command.addAll(List.of(args));
        return run(command, Map.of());
    }

    /** {@code command} with {@code environment} added to this JVM's, its output collected; at most 2 minutes. */
    static JarRun run(List<String> command, Map<String, String> environment) throws IOException, InterruptedException {
        Path out = Files.createTempFile("funnel-out", ".txt");
        Path err = Files.createTempFile("funnel-err", ".txt");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().putAll(environment);
            Process p = builder.start();
            if (!p.waitFor(2, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not end within 2 minutes");
            }
            return new JarRun(p.exitValue(), Files.readAllLines(out, StandardCharsets.UTF_8),
                    Files.readAllLines(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    static JarRun of(String... args) throws IOException, InterruptedException {
        return of(List.of(), args);
    }

    /** stdout and stderr, for assertion messages. */
    String all() {
        return String.join("\n", out) + "\n--- stderr ---\n" + String.join("\n", err);
    }
}
