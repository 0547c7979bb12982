package dev.funnelstreams.demo;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.StandardOpenOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/** The layout of the demo's data directory: one folder per part, so a resumed run finds each part's state. */
record DemoDirs(Path root) {

    Path kafka() {
        return root.resolve("kafka");
    }

    /** The registry's file-backed H2 database: schema ids must outlive the registry process for --resume. */
    Path registryDb() {
        return root.resolve("registry").resolve("db");
    }

    /** The unpacked registry distribution; kept by a clean start (it does not change). */
    Path registryHome() {
        return root.resolve("registry-dist");
    }

    Path streamsState() {
        return root.resolve("streams");
    }

    Path connectOffsets() {
        return root.resolve("connect").resolve("offsets.dat");
    }

    /** The directory the file connector watches. */
    Path inbox() {
        return root.resolve("drop").resolve("in");
    }

    /** Where the connector moves a file once Kafka acknowledged all of it. */
    Path done() {
        return root.resolve("drop").resolve("done");
    }

    /** Files are written here and moved into the inbox whole, so the connector never sees half a file. */
    Path staging() {
        return root.resolve("drop").resolve("staging");
    }

    Path logs() {
        return root.resolve("logs");
    }

    Path configFile() {
        return root.resolve("funnel.yaml");
    }

    /** The alert sink's routes: every alert to the demo's own inbox page. */
    Path alertRoutes() {
        return root.resolve("connect").resolve("alert-routes.yaml");
    }

    Path mappingFile() {
        return root.resolve("connect").resolve("canonical.yaml");
    }

    /**
     * Locks the data directory for this run: a second demo on the same data would fight over the broker's
     * log and the connector's files. Null when another process holds it.
     */
    AutoCloseable lock() throws IOException {
        Files.createDirectories(root);
        FileChannel channel = FileChannel.open(root.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            return null;
        }
        FileLock held = lock;
        return () -> {
            held.release();
            channel.close();
        };
    }

    /** Whether a previous run left data to resume. */
    boolean hasData() {
        return Files.exists(kafka().resolve("meta.properties"));
    }

    /** Deletes every part's state, keeping the unpacked registry distribution and the logs (already open). */
    void clean() throws IOException {
        for (Path p : List.of(kafka(), registryDb().getParent(), streamsState(), connectOffsets().getParent(),
                inbox().getParent(), configFile())) {
            deleteRecursively(p);
        }
    }

    void create() throws IOException {
        for (Path p : List.of(kafka(), registryDb().getParent(), streamsState(), connectOffsets().getParent(),
                inbox(), done(), staging(), logs())) {
            Files.createDirectories(p);
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
