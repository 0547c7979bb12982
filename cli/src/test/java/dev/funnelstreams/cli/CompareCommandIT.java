package dev.funnelstreams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelstreams.streams.AppConfig;
import dev.funnelstreams.streams.AppConfigLoader;
import dev.funnelstreams.streams.SerdeFactory;
import dev.funnelstreams.streams.Topics;
import dev.funnelstreams.streams.runtime.EventProducer;
import dev.funnelstreams.streams.runtime.FunnelStreamsApp;
import dev.funnelstreams.streams.runtime.ReportComparison;
import dev.funnelstreams.streams.runtime.TopicAdmin;
import dev.funnelstreams.testkit.TestCluster;
import dev.funnelstreams.testkit.WithKafkaAndRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code funnel compare} on the in-JVM broker and Apicurio: the app processes a generated history on prefixed
 * topics; compared with {@code funnel report} of the same events every topic is equal (exit 0); compared with a
 * report of only half of them, topics differ and are named with their differences (exit 1); a directory that
 * is not a report is a usage error (exit 2).
 */
@WithKafkaAndRegistry
class CompareCommandIT {

    static final String FUNNEL = "../examples/funnel.yaml";
    static final Duration WAIT = Duration.ofMinutes(3);

    private TestCluster cluster;

    @TempDir
    Path tmp;

    @Test
    void theTopicsEqualTheReportOfTheSameEventsAndDifferFromAReportOfOtherEvents() throws Exception {
        Path events = tmp.resolve("history.jsonl");
        CliRun generate = CliRun.of("generate", "--config", FUNNEL, "--seed", "5", "--leads", "80", "--out",
                events.toString());
        assertThat(generate.exitCode()).as(generate.err()).isZero();
        List<String> lines = Files.readAllLines(events);
        Path half = tmp.resolve("half.jsonl");
        Files.write(half, lines.subList(0, lines.size() / 2));
        for (String[] r : List.of(new String[] {events.toString(), "report"}, new String[] {half.toString(), "half"})) {
            CliRun report = CliRun.of("report", "--config", FUNNEL, "--events", r[0], "--out",
                    tmp.resolve(r[1]).toString());
            assertThat(report.exitCode()).as(report.err()).isZero();
        }

        String prefix = "compare-it.";
        Topics topics = Topics.prefixed(prefix);
        AppConfig config = AppConfigLoader.parse(Files.readString(Path.of(FUNNEL)),
                new AppConfigLoader.Overrides(cluster.bootstrapServers(), cluster.registryUrl(), "funnel-compare-it",
                        tmp.resolve("state"), 3, (short) 1).withHttp(null, 0, null));
        TopicAdmin.createMissing(config, topics);
        SerdeFactory serdes = SerdeFactory.of(config.registry());
        assertThat(new EventProducer(config, topics, serdes, Clock.systemUTC()).produce(events).rejected()).isEmpty();

        String[] compare = {"compare", "--bootstrap-servers", cluster.bootstrapServers(), "--schema-registry-url",
            cluster.registryUrl(), "--topic-prefix", prefix, "--report"};
        CliRun equal;
        try (FunnelStreamsApp app = FunnelStreamsApp.start(config, topics)) {
            // compare reads what is committed now: it turns 0 once the app has caught up, and stays 0
            long deadline = System.nanoTime() + WAIT.toNanos();
            do {
                Thread.sleep(1_000);
                equal = CliRun.of(with(compare, tmp.resolve("report").toString()));
            } while (equal.exitCode() != 0 && System.nanoTime() < deadline);
        }
        assertThat(equal.exitCode()).as(equal.out() + equal.err()).isZero();
        int compared = ReportComparison.compared().size();
        assertThat(equal.out().lines().toList()).hasSize(compared)
                .contains(prefix + "funnel.stage-flow: equal, " + count(tmp.resolve("report/stage-flow.jsonl"))
                        + " records")
                .anyMatch(l -> l.startsWith(prefix + "funnel.weekly-review: equal, ")
                        && l.contains(" records on the periods both hold (report "))
                .allMatch(l -> l.contains(": equal, "));
        assertThat(equal.err()).contains("funnel compare: all " + compared + " compared topics equal the report");

        CliRun differs = CliRun.of(with(compare, tmp.resolve("half").toString()));
        assertThat(differs.exitCode()).as(differs.out() + differs.err()).isEqualTo(1);
        assertThat(differs.out()).contains(prefix + "funnel.stage-flow: DIFFERS, ").contains("  differs {")
                .contains(prefix + "funnel.lead-state: DIFFERS, ").contains("  extra {");

        CliRun notAReport = CliRun.of(with(compare, tmp.toString()));
        assertThat(notAReport.exitCode()).isEqualTo(2);
        assertThat(notAReport.err()).contains("stage-flow.jsonl missing: --report is the directory funnel report"
                + " --out wrote");
    }

    private static String[] with(String[] args, String last) {
        String[] all = Arrays.copyOf(args, args.length + 1);
        all[args.length] = last;
        return all;
    }

    private static long count(Path file) throws Exception {
        return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).count();
    }
}
