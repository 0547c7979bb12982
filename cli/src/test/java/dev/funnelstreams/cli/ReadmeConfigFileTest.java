package dev.funnelstreams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.config.FunnelConfigLoader;
import dev.funnelstreams.ingest.connect.FileSourceConfig;
import dev.funnelstreams.ingest.connect.FileSourceConnector;
import dev.funnelstreams.streams.AppConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The complete config file of the README's Configuration section is accepted by every command and the connector. */
class ReadmeConfigFileTest {

    @TempDir
    Path dir;

    Path config;

    @BeforeEach
    void writeTheReadmeConfig() throws IOException {
        String readme = Files.readString(Path.of("../README.md"));
        String section = readme.substring(readme.indexOf("## Configuration\n"));
        Matcher block = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL).matcher(section);
        assertThat(block.find()).as("a yaml block in the README's Configuration section").isTrue();
        assertThat(block.group(1)).contains("funnel:", "streams:");
        config = dir.resolve("funnel.yaml");
        Files.writeString(config, block.group(1));
    }

    @Test
    void validateConfigChecksAndDescribesBothSections() {
        CliRun run = CliRun.of("validate-config", "--config", config.toString());

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains(config + ": valid", "stages (4, in order):", "streams:",
                "  bootstrap servers  kafka-1:9092,kafka-2:9092", "  schema registry    https://registry:8081",
                "  http               0.0.0.0:8080 (advertised as app-1.internal), bearer token set",
                "  kafka client keys  sasl.jaas.config, sasl.mechanism, security.protocol");
        assertThat(run.out()).doesNotContain("s3cret", "u:p");
    }

    @Test
    void generateReportAndImportReadTheFunnelOfTheWholeFile() throws IOException {
        Path events = dir.resolve("events.jsonl");
        CliRun generate = CliRun.of("generate", "--config", config.toString(), "--seed", "7", "--leads", "30",
                "--out", events.toString());
        assertThat(generate.exitCode()).as(generate.err()).isZero();
        assertThat(Files.readAllLines(events)).isNotEmpty();

        CliRun report = CliRun.of("report", "--config", config.toString(), "--events", events.toString(), "--out",
                dir.resolve("report").toString());
        assertThat(report.exitCode()).as(report.err()).isZero();
        assertThat(dir.resolve("report")).isNotEmptyDirectory();

        Path mapping = dir.resolve("canonical.yaml");
        Files.writeString(mapping, "files:\n  - match: '*.jsonl'\n    canonical: true\n");
        Path imported = dir.resolve("imported.jsonl");
        CliRun importRun = CliRun.of("import", "--mapping", mapping.toString(), "--config", config.toString(), "--out",
                imported.toString(), events.toString());
        assertThat(importRun.exitCode()).as(importRun.err()).isZero();
        assertThat(Files.readAllLines(imported)).hasSameSizeAs(Files.readAllLines(events));
    }

    @Test
    void runLoadsBothSectionsThroughItsOptions() {
        StreamsOptions options = new StreamsOptions();
        options.config = config;

        AppConfig app = options.load(null, null, null, null);

        assertThat(app.funnel()).isEqualTo(FunnelConfigLoader.load(config));
        assertThat(app.bootstrapServers()).isEqualTo("kafka-1:9092,kafka-2:9092");
        assertThat(app.replicationFactor()).isEqualTo((short) 3);
        assertThat(app.http().token()).isEqualTo("s3cret");
    }

    @Test
    void theConnectorAcceptsTheWholeFileAsItsFunnelConfig() throws IOException {
        FunnelConfig funnel = FunnelConfigLoader.load(config);
        assertThat(funnel.stageIds()).containsExactly("lead", "discovery", "negotiation", "won");
        Path mapping = dir.resolve("canonical.yaml");
        Files.writeString(mapping, "files:\n  - match: '*.jsonl'\n    canonical: true\n");

        Map<String, ConfigValue> values = new java.util.HashMap<>();
        new FileSourceConnector().validate(Map.of(
                FileSourceConfig.INPUT_PATH, Files.createDirectories(dir.resolve("in")).toString(),
                FileSourceConfig.FINISHED_PATH, Files.createDirectories(dir.resolve("done")).toString(),
                FileSourceConfig.MAPPING_FILE, mapping.toString(),
                FileSourceConfig.FUNNEL_CONFIG, config.toString(),
                "schema.registry.url", "http://127.0.0.1:1"))
                .configValues().forEach(v -> values.put(v.name(), v));

        assertThat(values.get(FileSourceConfig.FUNNEL_CONFIG).errorMessages()).isEmpty();
        assertThat(values.get(FileSourceConfig.MAPPING_FILE).errorMessages()).isEmpty();
    }

    @Test
    void aFileWithTwoErrorsInTwoSectionsReportsBothWithTheirPaths() throws IOException {
        Files.writeString(config, Files.readString(config)
                .replace("stallAfter: P30D", "stalAfter: P30D")
                .replace("replicationFactor: 3", "replicationFactor: three"));

        CliRun run = CliRun.of("validate-config", config.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().lines()).containsExactly(
                config + ": funnel.stages[1].stalAfter: unknown key (did you mean stallAfter? allowed: id, name,"
                        + " stallAfter, won, probability)",
                config + ": streams.replicationFactor: must be an integer >= 1 (got \"three\")");
    }
}
