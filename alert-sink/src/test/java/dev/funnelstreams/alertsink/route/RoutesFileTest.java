package dev.funnelstreams.alertsink.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelstreams.alertsink.Alerts;
import dev.funnelstreams.alertsink.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The owner map is re-read when the file's modification time changes, at most once per check interval. */
class RoutesFileTest {

    @TempDir
    Path dir;

    @Test
    void changedFileIsReloadedAfterTheCheckIntervalAndABadEditKeepsThePreviousRoutes() throws Exception {
        Path f = dir.resolve("routes.yaml");
        Files.writeString(f, RoutesTest.YAML);
        Files.setLastModifiedTime(f, FileTime.from(Instant.parse("2026-03-01T00:00:00Z")));
        MutableClock clock = new MutableClock(Instant.parse("2026-03-09T09:00:00Z"));
        RoutesFile rf = new RoutesFile(f, new RoutesParser(RoutesTest.SECRETS), 10_000, clock);
        assertThat(rf.current().targets(Alerts.stall("1", "L-1", "carol", "C"))).extracting(Target::id)
                .containsExactly("default");

        Files.writeString(f, RoutesTest.YAML.replace("owners:\n", "owners:\n  carol: {channel: sales-robot}\n"));
        Files.setLastModifiedTime(f, FileTime.from(Instant.parse("2026-03-02T00:00:00Z")));
        clock.advance(Duration.ofSeconds(5));
        assertThat(rf.current().targets(Alerts.stall("1", "L-1", "carol", "C"))).extracting(Target::id)
                .as("not checked before the interval").containsExactly("default");
        clock.advance(Duration.ofSeconds(6));
        assertThat(rf.current().targets(Alerts.stall("1", "L-1", "carol", "C"))).extracting(Target::id)
                .containsExactly("owner:carol");

        Files.writeString(f, "channels: [oops");
        Files.setLastModifiedTime(f, FileTime.from(Instant.parse("2026-03-03T00:00:00Z")));
        clock.advance(Duration.ofSeconds(11));
        assertThat(rf.current().targets(Alerts.stall("1", "L-1", "carol", "C"))).extracting(Target::id)
                .containsExactly("owner:carol");
    }
}
