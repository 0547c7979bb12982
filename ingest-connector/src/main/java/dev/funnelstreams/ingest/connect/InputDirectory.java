package dev.funnelstreams.ingest.connect;

import dev.funnelstreams.ingest.mapping.Mapping;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The watched directory: the next file to read (oldest name first, among regular files the
 * mapping has an entry for and that have rested {@code minAgeMs}), and moving finished files aside.
 */
final class InputDirectory {

    /** Folder under finished.path for files whose records did not all reach Kafka. */
    static final String FAILED = "failed";

    private final Path input;
    private final Path finished;
    private final Mapping mapping;
    private final long minAgeMs;
    private final Clock clock;

    InputDirectory(Path input, Path finished, Mapping mapping, long minAgeMs, Clock clock) {
        this.input = input;
        this.finished = finished;
        this.mapping = mapping;
        this.minAgeMs = minAgeMs;
        this.clock = clock;
    }

    Optional<Path> next() throws IOException {
        long now = clock.millis();
        try (Stream<Path> files = Files.list(input)) {
            return files
                    .filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith("."))
                    .filter(f -> mapping.forFile(f.getFileName().toString()).isPresent())
                    .filter(f -> age(f, now) >= minAgeMs)
                    .min(Comparator.comparing(f -> f.getFileName().toString()));
        }
    }

    private static long age(Path f, long now) {
        try {
            return now - Files.getLastModifiedTime(f).toMillis();
        } catch (IOException e) {
            return -1; // vanished or unreadable: not ready
        }
    }

    /** Moves a fully read file into the finished directory, never overwriting an older one. */
    Path moveAside(Path file) throws IOException {
        return moveTo(finished, file);
    }

    /** Moves a file some of whose records did not reach Kafka to {@code finished.path/failed/}, to be sent again. */
    Path moveToFailed(Path file) throws IOException {
        return moveTo(finished.resolve(FAILED), file);
    }

    private Path moveTo(Path dir, Path file) throws IOException {
        Files.createDirectories(dir);
        String name = file.getFileName().toString();
        Path target = dir.resolve(name);
        if (Files.exists(target)) {
            target = dir.resolve(name + "." + clock.millis());
        }
        return Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
    }
}
