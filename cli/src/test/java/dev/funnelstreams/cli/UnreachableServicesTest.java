package dev.funnelstreams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where a command meets a service nobody answers at: exit 3 and one line that names the address
 * tried, no stack trace. No broker or registry is needed: the registry is checked first, and a
 * bootstrap server that does not resolve fails at once.
 */
class UnreachableServicesTest {

    static final String CONFIG = "../examples/funnel.yaml";

    @TempDir
    Path tmp;

    @Test
    void produceNamesTheRegistryUrlItCannotReachAndExits3() throws IOException {
        String registry = "http://127.0.0.1:" + closedPort();
        Path events = Files.write(tmp.resolve("e.jsonl"), List.of("{}"));

        CliRun run = CliRun.of("produce", "--config", CONFIG, "--bootstrap-servers", "127.0.0.1:" + closedPort(),
                "--schema-registry-url", registry, "--events", events.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.UNREACHABLE).isEqualTo(3);
        assertThat(commandLines(run, "funnel produce")).singleElement().asString()
                .startsWith("funnel produce: cannot use the schema registry at " + registry + " (")
                .endsWith("check --schema-registry-url or streams.schemaRegistry (URL, credentials), and that it"
                        + " is running");
        assertThat(run.err()).doesNotContain("\tat ");
    }

    @Test
    void alertsTailNamesTheRegistryUrlItCannotReachAndExits3() throws IOException {
        String registry = "http://127.0.0.1:" + closedPort() + "/apis/ccompat/v7";

        CliRun run = CliRun.of("alerts", "tail", "--no-follow", "--bootstrap-servers", "127.0.0.1:" + closedPort(),
                "--schema-registry-url", registry);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
        assertThat(commandLines(run, "funnel alerts tail")).singleElement().asString()
                .startsWith("funnel alerts tail: cannot use the schema registry at " + registry + " (");
        assertThat(run.err()).doesNotContain("\tat ");
    }

    @Test
    void topicsCreateNamesBootstrapServersThatDoNotResolveAndExits3() {
        String nowhere = "kafka.nowhere.invalid:9092";

        CliRun run = CliRun.of("topics", "create", "--config", CONFIG, "--bootstrap-servers", nowhere);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
        assertThat(commandLines(run, "funnel topics create")).singleElement().asString()
                .startsWith("funnel topics create: cannot reach Kafka at " + nowhere + " (")
                .contains("No resolvable bootstrap urls");
        assertThat(run.err()).doesNotContain("\tat ");
    }

    @Test
    void topicsCreateNamesABootstrapServerThatIsNotHostAndPortAndExits3() {
        CliRun run = CliRun.of("topics", "create", "--config", CONFIG, "--bootstrap-servers", "localhost");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
        assertThat(commandLines(run, "funnel topics create")).singleElement().asString()
                .startsWith("funnel topics create: cannot reach Kafka at localhost (")
                .contains("Invalid url in bootstrap.servers: localhost");
    }

    /** The command's own stderr lines (in this JVM the Kafka clients log to stderr too). */
    private static List<String> commandLines(CliRun run, String prefix) {
        return run.err().lines().filter(l -> l.startsWith(prefix)).toList();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
