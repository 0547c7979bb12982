package dev.funnelstreams.ingest.mapping;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A loaded, validated mapping file: for each kind of export file, how its rows become canonical
 * events. Pure: no Kafka, no Connect; the import command and both connectors share it.
 */
public final class Mapping {

    private final String name;
    private final List<FileRule> files;

    Mapping(String name, List<FileRule> files) {
        this.name = name;
        this.files = List.copyOf(files);
    }

    /**
     * Loads and validates a mapping; lookup files resolve against {@code lookupDir} (null: the
     * mapping file's directory). Throws {@link MappingException} naming the key on any error.
     */
    public static Mapping load(Path yaml, Path lookupDir) {
        return new MappingLoader(yaml, lookupDir).load();
    }

    public String name() {
        return name;
    }

    /** The mapper for a file name: the first {@code files:} entry whose glob matches. */
    public Optional<FileMapper> forFile(String fileName) {
        return files.stream().filter(f -> f.matches(fileName)).findFirst().map(FileMapper::new);
    }
}
