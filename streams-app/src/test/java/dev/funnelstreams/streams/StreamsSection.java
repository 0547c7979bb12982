package dev.funnelstreams.streams;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The test funnel with a {@code streams:} section holding a bootstrap server and the given lines. */
public final class StreamsSection {

    private StreamsSection() {
    }

    /** {@code lines}: indented keys of the {@code streams:} section, each ending with a newline ("" for none). */
    public static AppConfig parse(String lines) {
        try {
            return AppConfigLoader.parse(Files.readString(Path.of("src/test/resources/funnel.yaml"))
                    + "\nstreams:\n  bootstrapServers: k:9092\n" + lines, AppConfigLoader.Overrides.NONE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
