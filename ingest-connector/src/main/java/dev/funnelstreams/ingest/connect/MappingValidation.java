package dev.funnelstreams.ingest.connect;

import dev.funnelstreams.core.config.ConfigException;
import dev.funnelstreams.core.config.FunnelConfigLoader;
import dev.funnelstreams.ingest.mapping.Mapping;
import dev.funnelstreams.ingest.mapping.MappingException;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;

/**
 * Adds the mapping's and the funnel config's own errors to a connector's validation result, so
 * that the worker's validate endpoint shows "files[0].events[1].toStage: ..." on {@code mapping.file}.
 */
public final class MappingValidation {

    private MappingValidation() {
    }

    public static Config addTo(Config config, Map<String, String> props) {
        ConfigValue mapping = find(config, FileSourceConfig.MAPPING_FILE);
        ConfigValue funnel = find(config, FileSourceConfig.FUNNEL_CONFIG);
        String file = props.get(FileSourceConfig.MAPPING_FILE);
        if (mapping != null && mapping.errorMessages().isEmpty() && file != null && !file.isBlank()) {
            String dir = props.getOrDefault(FileSourceConfig.LOOKUP_DIR, "");
            try {
                Mapping.load(Path.of(file), dir.isBlank() ? null : Path.of(dir));
            } catch (MappingException e) {
                e.errors().forEach(mapping::addErrorMessage);
            }
        }
        String funnelFile = props.get(FileSourceConfig.FUNNEL_CONFIG);
        if (funnel != null && funnelFile != null && !funnelFile.isBlank()) {
            try {
                FunnelConfigLoader.load(Path.of(funnelFile));
            } catch (ConfigException e) {
                e.errors().forEach(funnel::addErrorMessage);
            }
        }
        return config;
    }

    private static ConfigValue find(Config config, String name) {
        return config.configValues().stream().filter(v -> v.name().equals(name)).findFirst().orElse(null);
    }
}
