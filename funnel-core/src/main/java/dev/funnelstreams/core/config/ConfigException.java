package dev.funnelstreams.core.config;

import java.util.List;

/**
 * The configuration is invalid. Holds every error found, each a line of the form
 * {@code key.path: what is wrong (what is allowed)}, so a user fixes the file in one pass.
 */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> errors;

    public ConfigException(List<String> errors) {
        super(summary(errors));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one error");
        }
        this.errors = List.copyOf(errors);
    }

    public ConfigException(String error) {
        this(List.of(error));
    }

    /** Every error, one line each, in a fixed order of the keys. */
    public List<String> errors() {
        return errors;
    }

    private static String summary(List<String> errors) {
        return errors.size() == 1
                ? errors.get(0)
                : errors.size() + " configuration errors:\n" + String.join("\n", errors);
    }
}
