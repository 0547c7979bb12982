package dev.funnelstreams.ingest.connect;

import dev.funnelstreams.core.config.ConfigException;
import dev.funnelstreams.core.config.FunnelConfigLoader;
import dev.funnelstreams.ingest.mapping.Mapping;
import dev.funnelstreams.ingest.mapping.MappingException;
import java.nio.file.Files;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ExactlyOnceSupport;

/**
 * Watches a directory for CRM / ad-platform exports and produces canonical events through a
 * mapping file. One task: files are read one after the other, in name order.
 */
public class FileSourceConnector extends SingleTaskSourceConnector {

    @Override
    protected void check(Map<String, String> props) {
        FileSourceConfig config = new FileSourceConfig(props);
        try {
            Mapping.load(config.mappingFile(), config.lookupDir());
            if (config.funnelConfig() != null) {
                FunnelConfigLoader.load(config.funnelConfig());
            }
        } catch (MappingException | ConfigException e) {
            throw new ConnectException("invalid mapping or funnel config: " + e.getMessage(), e);
        }
        if (!Files.isDirectory(config.inputPath())) {
            throw new ConnectException(FileSourceConfig.INPUT_PATH + ": " + config.inputPath() + " is not a directory");
        }
    }

    @Override
    public Class<? extends Task> taskClass() {
        return FileSourceTask.class;
    }

    /**
     * Offsets are exact (file version + line) and a row's records only claim its line with the
     * last of them, so records and offsets committed in one transaction give each row exactly once.
     */
    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        return ExactlyOnceSupport.SUPPORTED;
    }

    @Override
    public ConfigDef config() {
        return FileSourceConfig.configDef();
    }
}
