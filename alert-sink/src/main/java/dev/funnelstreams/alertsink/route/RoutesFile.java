package dev.funnelstreams.alertsink.route;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routes file, re-read when its modification time changes; the time is checked at most once
 * per {@code checkIntervalMs}. An edit that does not parse keeps the previous routes and is logged
 * with the error (the file's key path), so a typo cannot stop the alerts; at start a bad file fails
 * the task.
 */
public final class RoutesFile {

    private static final Logger LOG = LoggerFactory.getLogger(RoutesFile.class);

    private final Path path;
    private final RoutesParser parser;
    private final long checkIntervalMs;
    private final Clock clock;
    private Routes routes;
    private FileTime loadedMtime;
    private long nextCheck;

    public RoutesFile(Path path, RoutesParser parser, long checkIntervalMs, Clock clock) {
        this.path = path;
        this.parser = parser;
        this.checkIntervalMs = checkIntervalMs;
        this.clock = clock;
        this.loadedMtime = mtime();
        this.routes = parser.parse(read());
        this.nextCheck = clock.millis() + checkIntervalMs;
    }

    /** The routes in force, re-read first if the check interval has passed and the file changed. */
    public Routes current() {
        long now = clock.millis();
        if (now < nextCheck) {
            return routes;
        }
        nextCheck = now + checkIntervalMs;
        FileTime m = mtime();
        if (!m.equals(loadedMtime)) {
            loadedMtime = m;
            try {
                routes = parser.parse(read());
                LOG.info("Routes file {} reloaded", path);
            } catch (RoutesException e) {
                LOG.error("Routes file {} changed but cannot be used, keeping the previous routes: {}", path, e.getMessage());
            }
        }
        return routes;
    }

    private String read() {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RoutesException("cannot read routes file " + path + ": " + e, e);
        }
    }

    private FileTime mtime() {
        try {
            return Files.getLastModifiedTime(path);
        } catch (IOException e) {
            throw new RoutesException("cannot read routes file " + path + ": " + e, e);
        }
    }
}
