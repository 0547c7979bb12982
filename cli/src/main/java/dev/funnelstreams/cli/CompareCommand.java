package dev.funnelstreams.cli;

import dev.funnelstreams.core.metrics.view.OutputTopic;
import dev.funnelstreams.streams.runtime.Outputs;
import dev.funnelstreams.streams.runtime.ReportComparison;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code funnel compare}: the running app's output topics against a {@code funnel report} of the same events
 * (SPEC section 7: streaming = batch), topic by topic, through {@link ReportComparison}. The check an operator
 * runs after a migration, a restore or an incident: are the live numbers the ones the events say?
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compare the output topics with a `funnel report` of the same events: the latest record per"
                + " key of each upsert output topic, without the fields that depend on the wall clock (the report's"
                + " now is its as-of, the app's the clock: asOf, stalled, stalledNow, expectedByNow,"
                + " expectedValueByNow, status, mature, raisedAt). The reviews are compared on the periods both"
                + " hold; funnel.alerts is not compared (whether a deadline passed is the clock's question).",
            "One line per topic on stdout, the differences (a few of each kind) under a topic that differs."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {"0:every compared topic equals the report", "1:some topic differs (named on stdout)",
            ExitCodes.USAGE_LINE, ExitCodes.UNREACHABLE_LINE + ", or an output topic is missing"})
final class CompareCommand implements Callable<Integer> {

    @Option(names = "--report", required = true,
            description = "The directory `funnel report --out DIR` wrote (stage-flow.jsonl, ...).")
    Path report;

    @Mixin
    ReaderOptions reader;

    @Option(names = "--topic-prefix", description = "Prefix of the app's output topics (default: none).")
    String topicPrefix = "";

    @Override
    public Integer call() throws InterruptedException {
        for (OutputTopic t : ReportComparison.compared()) {
            if (!Files.isRegularFile(report.resolve(t.fileName()))) {
                System.err.println("funnel compare: " + report.resolve(t.fileName()) + " missing: --report is the"
                        + " directory funnel report --out wrote");
                return ExitCodes.USAGE;
            }
        }
        ReaderOptions.Clients clients;
        try {
            clients = reader.connect("compare");
        } catch (ReaderOptions.NotConnected e) {
            return e.exitCode;
        }
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        int differ = 0;
        for (OutputTopic t : ReportComparison.compared()) {
            String topic = topicPrefix + t.topic();
            ReportComparison.Result r;
            try {
                r = ReportComparison.compare(t, Outputs.ofReportFile(report.resolve(t.fileName())),
                        ReportComparison.latest(clients.kafka(), clients.serdes().client(), topic));
            } catch (IOException e) {
                System.err.println("funnel compare: cannot read " + report.resolve(t.fileName()) + ": "
                        + e.getMessage());
                return ExitCodes.USAGE;
            } catch (IllegalStateException e) {
                System.err.println("funnel compare: " + e.getMessage() + " on " + clients.bootstrapServers());
                return ExitCodes.UNREACHABLE;
            }
            out.println(topicPrefix + r.summary());
            if (!r.equal()) {
                differ++;
                r.diff().lines().forEach(l -> out.println("  " + l));
            }
        }
        int all = ReportComparison.compared().size();
        System.err.println(differ == 0 ? "funnel compare: all " + all + " compared topics equal the report"
                : "funnel compare: " + differ + " of " + all + " compared topics differ from the report");
        return differ == 0 ? ExitCodes.DONE : ExitCodes.FAILED;
    }
}
