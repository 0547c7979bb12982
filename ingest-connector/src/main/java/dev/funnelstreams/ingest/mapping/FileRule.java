package dev.funnelstreams.ingest.mapping;

import dev.funnelstreams.ingest.source.InputFormat;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;

/**
 * One {@code files:} entry: which input files it applies to (a glob on the file name), how they
 * are read, which rows are rejected up front, and the events each row gives. With
 * {@code canonical: true} each JSON line already is a canonical event and passes through.
 */
record FileRule(
        String key,
        String match,
        InputFormat format,
        char delimiter,
        boolean canonical,
        List<RejectRule> rejects,
        List<EventRule> events) {

    boolean matches(String fileName) {
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + match);
        return m.matches(Path.of(fileName));
    }

    /** The configured format, else the one the file name suggests. */
    InputFormat formatFor(String fileName) {
        return format != null ? format : InputFormat.ofFileName(fileName);
    }
}
