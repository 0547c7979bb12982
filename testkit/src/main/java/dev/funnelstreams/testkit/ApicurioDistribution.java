package dev.funnelstreams.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

import org.apache.kafka.common.utils.Utils;

/**
 * Finds the runnable jar of the Apicurio Registry distribution that Maven fetched as testkit's
 * {@code apicurio-registry-app:tar.gz:all} dependency, unpacking the archive under {@code target/} on first use.
 */
final class ApicurioDistribution {

    /** A directory holding an unpacked distribution; wins over every other way of finding one. */
    static final String HOME_PROPERTY = "funnel.apicurio.home";
    /** The {@code -all.tar.gz} itself, for builds whose local Maven repository is not {@code ~/.m2/repository}. */
    static final String ARCHIVE_PROPERTY = "funnel.apicurio.archive";

    static final String VERSION = loadVersion();
    private static final String ARCHIVE_NAME = "apicurio-registry-app-" + VERSION + "-all.tar.gz";
    private static final String RUNNER_JAR = "apicurio-registry-app-" + VERSION + "-runner.jar";

    private ApicurioDistribution() {
    }

    /** The runner jar, from {@value #HOME_PROPERTY} or else {@code target/apicurio-registry} of the working directory. */
    static synchronized Path runnerJar() {
        String home = System.getProperty(HOME_PROPERTY);
        if (home != null) {
            Path jar = Path.of(home).resolve(RUNNER_JAR);
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(HOME_PROPERTY + "=" + home + " does not contain " + RUNNER_JAR);
            }
            return jar;
        }
        Path defaultHome = Path.of("target", "apicurio-registry").toAbsolutePath();
        Path jar = defaultHome.resolve(RUNNER_JAR);
        if (!Files.isRegularFile(jar)) {
            unpack(archive(), defaultHome);
        }
        return jar;
    }

    /** The runner jar in {@code home}, unpacking {@code archive} there first when it is not. */
    static synchronized Path runnerJar(Path home, Path archive) {
        Path jar = home.toAbsolutePath().resolve(RUNNER_JAR);
        if (!Files.isRegularFile(jar)) {
            unpack(archive, home.toAbsolutePath());
        }
        return jar;
    }

    static Path archive() {
        String explicit = System.getProperty(ARCHIVE_PROPERTY);
        if (explicit != null) {
            return Path.of(explicit);
        }
        // Maven does not put a tar.gz on the test class path, so look where Maven stored it by default.
        return Path.of(System.getProperty("user.home"), ".m2", "repository",
                "io", "apicurio", "apicurio-registry-app", VERSION, ARCHIVE_NAME);
    }

    static void unpack(Path archive, Path home) {
        if (!Files.isRegularFile(archive)) {
            throw new IllegalStateException("Apicurio Registry archive " + archive + " not found: add a test-scoped"
                    + " dependency on dev.funnelstreams:testkit so Maven fetches it, or set -D" + ARCHIVE_PROPERTY
                    + " or -D" + HOME_PROPERTY + " (see testkit/README.md)");
        }
        if (Files.exists(home)) {
            throw new IllegalStateException(home + " exists but has no " + RUNNER_JAR + "; delete it and rerun");
        }
        try {
            Files.createDirectories(home.getParent());
            // Unpack beside the target and rename, so a crash never leaves a half-unpacked home that looks complete.
            Path staging = Files.createTempDirectory(home.getParent(), home.getFileName() + ".unpacking-");
            untar(archive, staging);
            try {
                Files.move(staging, home, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
                // Another test JVM of the same module unpacked it first; its copy is as good as ours.
                Utils.delete(staging.toFile());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not unpack " + archive + " into " + home, e);
        }
    }

    private static void untar(Path archive, Path into) throws IOException {
        Process tar = new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", into.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            int exitCode = tar.waitFor();
            if (exitCode != 0) {
                throw new IllegalStateException("tar -xzf " + archive + " failed (exit " + exitCode + "): " + output);
            }
        } catch (InterruptedException e) {
            tar.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while unpacking " + archive, e);
        }
    }

    private static String loadVersion() {
        try (InputStream in = ApicurioDistribution.class.getResourceAsStream("apicurio.properties")) {
            Properties props = new Properties();
            props.load(in);
            return props.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read apicurio.properties from the testkit jar", e);
        }
    }
}
