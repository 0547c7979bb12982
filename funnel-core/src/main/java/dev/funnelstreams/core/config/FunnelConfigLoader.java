package dev.funnelstreams.core.config;

import java.nio.file.Path;

/**
 * Reads the {@code funnel:} section of a config file (see {@link ConfigFile}) into a validated
 * {@link FunnelConfig}. Every rule of SPEC sections 1 and 8 is checked and every violation reported at
 * once in a {@link ConfigException}; unknown keys are errors so that typos do not pass, while the other
 * sections of the file ({@code streams:}) are left to their readers.
 */
public final class FunnelConfigLoader {

    private FunnelConfigLoader() {
    }

    /** Loads and validates a UTF-8 YAML file; an unreadable file is a one-error ConfigException. */
    public static FunnelConfig load(Path file) {
        return ConfigFile.load(file).funnel();
    }

    /** Parses and validates YAML text. */
    public static FunnelConfig parse(String yaml) {
        return ConfigFile.parse(yaml).funnel();
    }
}
