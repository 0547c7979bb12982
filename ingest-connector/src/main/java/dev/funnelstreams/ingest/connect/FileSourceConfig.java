package dev.funnelstreams.ingest.connect;

import dev.funnelstreams.registry.RegistrySerdeConfig;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/** Settings of the file source connector; the registry settings are those of registry-serde. */
public final class FileSourceConfig extends AbstractConfig {

    public static final String INPUT_PATH = "input.path";
    public static final String FINISHED_PATH = "finished.path";
    public static final String FILE_MIN_AGE_MS = "file.min.age.ms";
    public static final String POLL_INTERVAL_MS = "poll.interval.ms";
    public static final String BATCH_ROWS = "batch.rows";
    public static final String BATCH_PAUSE_MS = "batch.pause.ms";
    public static final String MAPPING_FILE = "mapping.file";
    public static final String LOOKUP_DIR = "lookup.dir";
    public static final String FUNNEL_CONFIG = "funnel.config";
    public static final String LEAD_EVENTS_TOPIC = "topic.lead.events";
    public static final String CHANNEL_SPEND_TOPIC = "topic.channel.spend";
    public static final String REJECTED_TOPIC = "topic.rejected";

    private static final String INPUT = "Input files";
    private static final String MAPPING = "Mapping";
    private static final String TOPICS = "Topics";
    private static final String REGISTRY = "Schema registry";

    static final ConfigDef CONFIG_DEF = define();

    public FileSourceConfig(Map<?, ?> props) {
        super(CONFIG_DEF, props);
    }

    public static ConfigDef configDef() {
        return new ConfigDef(CONFIG_DEF);
    }

    private static ConfigDef define() {
        ConfigDef d = new ConfigDef()
                .define(INPUT_PATH, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                        Importance.HIGH, "Directory watched for export files (CSV or JSON lines, optionally .gz). "
                                + "Only files whose name matches an entry of the mapping are read.",
                        INPUT, 1, Width.LONG, "Input directory")
                .define(FINISHED_PATH, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                        Importance.HIGH, "Directory that fully read files are moved to, after Kafka acknowledged "
                                + "their last record. Must be on the same file system as input.path.",
                        INPUT, 2, Width.LONG, "Finished directory")
                .define(FILE_MIN_AGE_MS, Type.LONG, 5_000L, Range.atLeast(0), Importance.MEDIUM,
                        "A file is read only once it has not been modified for this long, so that a file still "
                                + "being copied in is not read half-way.",
                        INPUT, 3, Width.SHORT, "Minimum file age (ms)")
                .define(POLL_INTERVAL_MS, Type.LONG, 1_000L, Range.atLeast(10), Importance.LOW,
                        "How long a poll waits when there is no file to read.",
                        INPUT, 4, Width.SHORT, "Poll interval (ms)")
                .define(BATCH_ROWS, Type.INT, 5_000, Range.between(1, 1_000_000), Importance.LOW,
                        "Rows mapped per poll (one transaction per poll under exactly-once).",
                        INPUT, 5, Width.SHORT, "Rows per poll")
                .define(BATCH_PAUSE_MS, Type.LONG, 0L, Range.between(0, 60_000), Importance.LOW,
                        "Pause after each batch of rows, to cap the rate at which a large export is read "
                                + "(about batch.rows per batch.pause.ms). 0 reads as fast as Kafka accepts.",
                        INPUT, 6, Width.SHORT, "Pause between batches (ms)")
                .define(MAPPING_FILE, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                        Importance.HIGH, "Mapping YAML that turns rows into canonical events; validated at start, "
                                + "errors name the mapping key.",
                        MAPPING, 1, Width.LONG, "Mapping file")
                .define(LOOKUP_DIR, Type.STRING, "", Importance.MEDIUM,
                        "Directory of the mapping's lookup files; empty means the mapping file's directory.",
                        MAPPING, 2, Width.LONG, "Lookup directory")
                .define(FUNNEL_CONFIG, Type.STRING, "", Importance.MEDIUM,
                        "Funnel config YAML; when set, events are also checked against it (unknown stages, tiers, "
                                + "other currencies go to the rejected topic). Empty: format checks only.",
                        MAPPING, 3, Width.LONG, "Funnel config")
                .define(LEAD_EVENTS_TOPIC, Type.STRING, "crm.lead-events", new ConfigDef.NonEmptyString(),
                        Importance.HIGH, "Topic of the lead events (key: leadId as UTF-8, value: Avro LeadEvent in "
                                + "the Confluent wire format).",
                        TOPICS, 1, Width.MEDIUM, "Lead events topic")
                .define(CHANNEL_SPEND_TOPIC, Type.STRING, "crm.channel-spend", new ConfigDef.NonEmptyString(),
                        Importance.MEDIUM, "Topic of channel spend (key: Avro ChannelSpendKey, value: Avro "
                                + "ChannelSpend).",
                        TOPICS, 2, Width.MEDIUM, "Channel spend topic")
                .define(REJECTED_TOPIC, Type.STRING, "crm.rejected", new ConfigDef.NonEmptyString(),
                        Importance.HIGH, "Topic of rows that cannot be mapped: the raw row as value, headers "
                                + "funnel.source.file, funnel.source.line and funnel.reason. Holds personal data.",
                        TOPICS, 3, Width.MEDIUM, "Rejected rows topic");
        int order = 1;
        for (ConfigDef.ConfigKey k : RegistrySerdeConfig.configDef().configKeys().values()) {
            d.define(k.name, k.type, k.defaultValue, k.validator, k.importance, k.documentation,
                    REGISTRY, order++, Width.MEDIUM, k.displayName == null ? k.name : k.displayName);
        }
        return d;
    }

    public Path inputPath() {
        return Path.of(getString(INPUT_PATH));
    }

    public Path finishedPath() {
        return Path.of(getString(FINISHED_PATH));
    }

    public Path mappingFile() {
        return Path.of(getString(MAPPING_FILE));
    }

    /** The lookup directory, or null for the mapping file's directory. */
    public Path lookupDir() {
        String s = getString(LOOKUP_DIR);
        return s.isBlank() ? null : Path.of(s);
    }

    /** The funnel config file, or null when events are checked without one. */
    public Path funnelConfig() {
        String s = getString(FUNNEL_CONFIG);
        return s.isBlank() ? null : Path.of(s);
    }
}
