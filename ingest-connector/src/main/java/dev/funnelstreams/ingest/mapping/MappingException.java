package dev.funnelstreams.ingest.mapping;

import java.util.List;

/**
 * A mapping file that cannot be used. Holds every error found, each a line starting with the offending
 * key path ({@code files[0].events[1].toStage: ...}); the message is the first error, or a count and
 * then all of them.
 */
public final class MappingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> errors;

    public MappingException(String key, String problem) {
        this(List.of(key + ": " + problem));
    }

    public MappingException(List<String> errors) {
        super(errors.size() == 1 ? errors.get(0) : errors.size() + " mapping errors:\n" + String.join("\n", errors));
        this.errors = List.copyOf(errors);
    }

    /** Every error, one line each, in file order. */
    public List<String> errors() {
        return errors;
    }
}
