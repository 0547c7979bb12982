package dev.funnelstreams.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.funnelstreams.core.yaml.Problems;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {

    static final Path EXAMPLE = Path.of("../examples/funnel.yaml").toAbsolutePath().normalize();
    static final String STREAMS = "streams:\n  bootstrapServers: kafka:9092\n  anything: is the app's to judge\n";

    @TempDir
    Path dir;

    @Test
    void theFunnelReaderLeavesTheStreamsSectionToItsReader() throws IOException {
        Path file = dir.resolve("all.yaml");
        Files.writeString(file, Files.readString(EXAMPLE) + STREAMS);

        ConfigFile config = ConfigFile.load(file);

        assertThat(config.sections()).containsExactly("funnel", "streams");
        assertThat(config.funnel()).isEqualTo(FunnelConfigLoader.load(EXAMPLE));
        assertThat(FunnelConfigLoader.load(file)).isEqualTo(FunnelConfigLoader.load(EXAMPLE));
        assertThat(config.tree("streams").path("bootstrapServers").asText()).isEqualTo("kafka:9092");
    }

    @Test
    void anIncludedFileAddsItsSectionsRelativeToTheIncludingFile() throws IOException {
        Path deploy = Files.createDirectories(dir.resolve("deploy/prod"));
        Files.copy(EXAMPLE, dir.resolve("funnel.yaml"));
        Path file = deploy.resolve("app.yaml");
        Files.writeString(file, "include: ../../funnel.yaml\n" + STREAMS);

        ConfigFile config = ConfigFile.load(file);

        assertThat(config.sections()).containsExactlyInAnyOrder("funnel", "streams");
        assertThat(config.funnel()).isEqualTo(FunnelConfigLoader.load(EXAMPLE));
    }

    @Test
    void aSectionInTwoFilesAMissingIncludeAndAnUnknownSectionAreAllReported() throws IOException {
        Files.copy(EXAMPLE, dir.resolve("funnel.yaml"));
        Path file = dir.resolve("app.yaml");
        Files.writeString(file, "include: [funnel.yaml, missing.yaml, app.yaml]\n" + Files.readString(EXAMPLE)
                + "stream: {}\n");

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigFile.load(file).funnel());

        assertThat(e.errors()).containsExactly(
                "stream: unknown section (did you mean streams? allowed: funnel, streams, include)",
                "funnel: in both " + file + " and " + dir.resolve("funnel.yaml") + " (each section lives in one file)",
                "include[1]: " + dir.resolve("missing.yaml") + ": no such file",
                "include[2]: " + file + " is included twice (or includes itself)");
    }

    @Test
    void errorsOfTheStructureAndOfTheSectionComeTogether() {
        ConfigFile config = ConfigFile.parse("funnel:\n  timezone: UTC\n  colour: red\nother: 1\n");
        Problems problems = config.problems();

        assertThat(config.funnel(problems)).isNull();

        assertThat(problems.lines()).startsWith("other: unknown section (allowed: funnel, streams, include)")
                .contains("funnel.colour: unknown key (allowed: timezone, currency, stages, opportunityStage, tiers,"
                        + " periods, dimensions, conversionWindow, targets, alerts)",
                        "funnel.currency: missing (an ISO 4217 code such as CNY, USD or EUR)");
    }

    @Test
    void aFileThatIsNotAMappingSaysWhatTheTopLevelHolds() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigFile.parse("- 1\n").funnel());

        assertThat(e.errors()).containsExactly(
                "(top level): must be a mapping of sections funnel, streams, include (got a list)",
                "funnel: missing (the configuration lives under a top-level funnel: key)");
    }
}
