package dev.funnelstreams.ingest.pipeline;

import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.config.FunnelConfigLoader;
import dev.funnelstreams.ingest.mapping.Mapping;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Test helper: maps files with a mapping and collects every row's fate. */
final class Imports {

    static final Path MAPPINGS = Path.of("mappings");
    static final Clock CLOCK = Clock.fixed(Instant.parse("2027-01-01T00:00:00Z"), ZoneOffset.UTC);

    private Imports() {
    }

    static FunnelConfig config(Path yaml) {
        return FunnelConfigLoader.load(yaml);
    }

    static List<MappedRow> run(Path mapping, Path lookupDir, FunnelConfig config, Path... files) {
        FileImport imp = new FileImport(Mapping.load(mapping, lookupDir), new EventGate(config, CLOCK));
        List<MappedRow> rows = new ArrayList<>();
        for (Path f : files) {
            try {
                imp.run(f, 0, rows::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return rows;
    }
}
