package dev.funnelstreams.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A temporary directory for one benchmark run (generated input, state directories, logs), deleted by close. */
public final class WorkDir implements AutoCloseable {

    private final Path path;

    public WorkDir(String name) {
        try {
            this.path = Files.createTempDirectory("funnel-bench-" + name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory", e);
        }
    }

    public Path path() {
        return path;
    }

    @Override
    public void close() {
        delete(path);
    }

    /** Deletes a directory tree; a file that cannot be deleted is left (it is in java.io.tmpdir). */
    static void delete(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // left for the OS's temp cleaning; the results are already printed
        }
    }
}
