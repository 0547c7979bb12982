package dev.funnelstreams.core.yaml;

import dev.funnelstreams.core.config.ConfigException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The errors found in one configuration file, each a line {@code key.path: what is wrong (what is
 * allowed)}. Readers add to it and go on, so that a user sees every error of a file in one pass.
 */
public final class Problems {

    private final List<String> lines = new ArrayList<>();

    /** Adds an error at a key path (an empty path means the top level). */
    public void at(String path, String problem) {
        lines.add((path == null || path.isEmpty() ? "(top level)" : path) + ": " + problem);
    }

    /** Adds a line that already starts with its key path. */
    public void add(String line) {
        lines.add(line);
    }

    public void addAll(Collection<String> more) {
        lines.addAll(more);
    }

    public boolean isEmpty() {
        return lines.isEmpty();
    }

    public int size() {
        return lines.size();
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** Throws a {@link ConfigException} with every error so far, if there is any. */
    public void throwIfAny() {
        if (!lines.isEmpty()) {
            throw new ConfigException(lines);
        }
    }
}
