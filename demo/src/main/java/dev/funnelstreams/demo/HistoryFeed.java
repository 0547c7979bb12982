package dev.funnelstreams.demo;

import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.generate.FunnelGenerator;
import dev.funnelstreams.core.generate.GeneratorOptions;
import dev.funnelstreams.core.generate.GeneratorSummary;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** Puts history into the connector's inbox (generated, or a given file) and fills the live trickle's lead book. */
final class HistoryFeed {

    static final String GENERATED = "history-generated.jsonl";

    private HistoryFeed() {
    }

    /** Writes {@code funnel generate} history ending at the start of today into staging; returns its summary. */
    static GeneratorSummary generate(FunnelConfig config, DemoOptions options, DemoDirs dirs, LeadBook book)
            throws IOException {
        LocalDate start = GeneratorOptions.defaultStart(LocalDate.now(config.timezone()), options.days());
        GeneratorOptions g = new GeneratorOptions(options.seed(), options.leads(), start, options.days());
        Path staged = dirs.staging().resolve(GENERATED);
        GeneratorSummary summary;
        try (BufferedWriter w = Files.newBufferedWriter(staged, StandardCharsets.UTF_8)) {
            summary = new FunnelGenerator(config, g).generate(line -> {
                w.write(line);
                w.write('\n');
                book.accept(line);
            });
        }
        return summary;
    }

    /** Moves the prepared history files from staging into the inbox, whole. */
    static void publish(DemoDirs dirs) throws IOException {
        try (Stream<Path> files = Files.list(dirs.staging())) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("history-")).sorted().toList()) {
                Files.move(f, dirs.inbox().resolve(f.getFileName()), StandardCopyOption.ATOMIC_MOVE);
            }
        }
    }

    /** Copies a canonical JSON-lines file (.gz too) into staging; returns its line count. */
    static long copy(Path events, DemoDirs dirs, LeadBook book) throws IOException {
        String name = "history-" + events.getFileName();
        Path staged = dirs.staging().resolve(name);
        Files.copy(events, staged, StandardCopyOption.REPLACE_EXISTING);
        long before = book.lines();
        read(staged, book);
        return book.lines() - before;
    }

    /** Resume: the book learns what earlier runs sent, from the files the connector finished and those it has not. */
    static void reload(DemoDirs dirs, LeadBook book) throws IOException {
        for (Path dir : List.of(dirs.done(), dirs.inbox())) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.sorted().toList()) {
                    read(f, book);
                }
            }
        }
    }

    private static void read(Path file, LeadBook book) throws IOException {
        InputStream in = Files.newInputStream(file);
        if (file.getFileName().toString().endsWith(".gz")) {
            in = new GZIPInputStream(in, 1 << 16);
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank()) {
                    book.accept(line);
                }
            }
        }
    }
}
