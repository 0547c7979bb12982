package dev.funnelstreams.cli;

import dev.funnelstreams.bench.LatencyBench;
import dev.funnelstreams.bench.PipelineBench;
import dev.funnelstreams.bench.Progress;
import dev.funnelstreams.bench.ReportBench;
import dev.funnelstreams.bench.RestartBench;
import dev.funnelstreams.bench.SerdeBench;
import dev.funnelstreams.bench.StepsBench;
import dev.funnelstreams.core.config.ConfigException;
import dev.funnelstreams.streams.runtime.Preflight;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code funnel bench}: the project's benchmarks as a user command (docs/benchmarks.md, "funnel bench"). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmarks, like Kafka's perf-test tools: progress on stderr, one result line on stdout.",
            "pipeline, latency and restart start an in-JVM Kafka broker and Apicurio Registry unless"
                    + " --bootstrap-servers and --schema-registry-url name a real cluster; serde, report and steps run"
                    + " locally."},
        subcommands = {BenchCommand.Pipeline.class, BenchCommand.Report.class, BenchCommand.Serde.class,
            BenchCommand.Latency.class, BenchCommand.Restart.class, BenchCommand.Steps.class})
final class BenchCommand {

    static final String FAILED_LINE = "1:the benchmark failed (the message or stack trace says why)";

    /** The options of the benchmarks that run the streaming app. */
    static final class ClusterOptions {

        @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
                description = "A real Kafka cluster (with --schema-registry-url); default: an in-JVM broker started for"
                        + " the run. On a real cluster the run's topics and application ids get a bench-<id>. prefix"
                        + " and are left there.")
        String bootstrapServers;

        @Option(names = "--schema-registry-url", paramLabel = "URL",
                description = "The schema registry of that cluster (Confluent API).")
        String schemaRegistryUrl;

        @Option(names = "--config", paramLabel = "FILE",
                description = "Funnel YAML (funnel: and optionally streams:, whose kafka and schemaRegistry client"
                        + " settings apply); default: the bundled examples/funnel.yaml.")
        Path config;

        @Option(names = "--threads", paramLabel = "T", description = "num.stream.threads (default: the app's, 1).")
        Integer threads;

        @Option(names = "--partitions", paramLabel = "P", defaultValue = "3",
                description = "Partitions of the topics the run creates (default: ${DEFAULT-VALUE}). With --threads T,"
                        + " a multiple of T gives every stream thread as many lead tasks.")
        int partitions;

        /** The partitions, checked. */
        int partitions(CommandSpec spec) {
            if (partitions < 1) {
                throw new ParameterException(spec.commandLine(), "--partitions must be >= 1 (got " + partitions + ")");
            }
            return partitions;
        }
    }

    /** Runs a benchmark: its result line (or lines) on stdout, everything else on stderr. */
    static int run(String name, Callable<String> benchmark) throws Exception {
        String result;
        try {
            result = benchmark.call();
        } catch (Preflight.Unreachable e) {
            System.err.println("funnel bench " + name + ": " + e.getMessage());
            return ExitCodes.UNREACHABLE;
        } catch (ConfigException e) {
            System.err.println("funnel bench " + name + ": " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (IllegalArgumentException e) {
            System.err.println("funnel bench " + name + ": " + e.getMessage());
            return ExitCodes.USAGE;
        }
        System.out.println(result);
        return ExitCodes.DONE;
    }

    static Progress progress() {
        return new Progress(System.err);
    }

    @Command(name = "pipeline", mixinStandardHelpOptions = true,
            description = {"Events/s of the streaming pipeline beside a pass-through topology, in one run.",
                "Generates --events canonical events (seed 1, events/5 leads, 300 days of 2025), produces them to the"
                        + " input topics (3 partitions, or --partitions), then runs a pass-through topology (the"
                        + " input bytes to one topic) three times and the real pipeline once on them, all"
                        + " exactly_once_v2 with the app's client settings; the pass-through run with the median rate is"
                        + " the one compared.",
                "Also on stderr: the store floor, the pass-through plus one get and one put of a cached,"
                        + " changelogged store per record (keyed by leadId), no funnel logic: what any topology that"
                        + " keeps per-lead state pays in Kafka Streams alone, as a share of the pass-through; and each"
                        + " run's process CPU with the JIT compiler's and the collector's share.",
                "Rate: the sustained one. Committed input offsets are polled every 100 ms from the start; the rate is"
                        + " the records committed between the first poll at or past 5 %% of the input and the first at"
                        + " or past 95 %%, over the time between them: start-up (until RUNNING and the first commits)"
                        + " and the final commits are outside. A run too short for two commits in that window falls"
                        + " back to the whole input over start .. caught up (start-up included), and says so.",
                "Records written per input event, per topic on stderr: offsets each topic advanced (Admin end"
                        + " offsets before and after) and the data records among them (the app's producers'"
                        + " record-send-total per topic); the difference is the exactly-once commit markers.",
                "Result line: pipeline: N events/s, pass-through M events/s, ratio R"},
            exitCodeListHeading = ExitCodes.HEADING,
            exitCodeList = {"0:done", FAILED_LINE, ExitCodes.USAGE_LINE, ExitCodes.UNREACHABLE_LINE})
    static final class Pipeline implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        ClusterOptions cluster;

        @Option(names = "--events", paramLabel = "N", defaultValue = "1000000",
                description = "Input events to pre-load (default: ${DEFAULT-VALUE}).")
        long events;

        @Override
        public Integer call() throws Exception {
            if (events < 10) {
                throw new ParameterException(spec.commandLine(),
                        "--events must be >= 10 (got " + events + ")");
            }
            int partitions = cluster.partitions(spec);
            return run("pipeline", () -> new PipelineBench(
                    new PipelineBench.Options(events, cluster.threads, partitions, cluster.config,
                            cluster.bootstrapServers, cluster.schemaRegistryUrl), progress()).run().finalLine());
        }
    }

    @Command(name = "report", mixinStandardHelpOptions = true,
            description = {"Events/s and peak heap of the batch report (funnel report), in this JVM.",
                "Generates --leads leads (seed 1, 365 days from 2025-11-01, gzip; the docs' 200k file) or reads"
                        + " --input, then runs the report as funnel report does: lines streamed from the file into"
                        + " BatchReport.run, the output files written to a temporary directory. Events/s = lines read"
                        + " / (read + compute + write time).",
                "Peak heap: the largest heap-used value (MemoryMXBean) sampled every 10 ms during the run: live"
                        + " objects plus garbage not yet collected, so it depends on the collector and -Xmx (set it in"
                        + " FUNNEL_JAVA_OPTS). The sum of the heap pools' peaks (MemoryPoolMXBean) is on stderr.",
                "Also on stderr: the time of each phase (intake, replay, render, write) and the run's process CPU,"
                        + " with the JIT compiler threads' and the collector threads' share (Linux /proc).",
                "Result line: report: N events/s, peak heap H MB"},
            exitCodeListHeading = ExitCodes.HEADING,
            exitCodeList = {"0:done", FAILED_LINE, ExitCodes.USAGE_LINE})
    static final class Report implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--leads", paramLabel = "N", defaultValue = "200000",
                description = "Leads to generate (default: ${DEFAULT-VALUE}).")
        int leads;

        @Option(names = "--input", paramLabel = "FILE", description = "Canonical JSON lines (.gz too) instead.")
        Path input;

        @Option(names = "--threads", paramLabel = "T",
                description = "Report threads, when this build's BatchReport takes a thread count (else a note on"
                        + " stderr and the single-threaded run).")
        Integer threads;

        @Option(names = "--config", paramLabel = "FILE", description = "Funnel YAML (default: the bundled example).")
        Path config;

        @Override
        public Integer call() throws Exception {
            if (leads < 1) {
                throw new ParameterException(spec.commandLine(),
                        "--leads must be >= 1 (got " + leads + ")");
            }
            return run("report", () -> new ReportBench(
                    new ReportBench.Options(leads, threads, input, config), progress()).run()
                    .finalLine());
        }
    }

    @Command(name = "serde", mixinStandardHelpOptions = true,
            description = {"Nanoseconds per Avro serialize + deserialize round trip of a typical LeadEvent.",
                "The project's KafkaAvroSerializer and KafkaAvroDeserializer with an in-memory registry, caches warm;"
                        + " the event is a LeadCreated with customer, contact, value and Chinese text (the JMH"
                        + " benchmark's). Warm-up, then one-second iterations on one thread; the result is their mean."
                        + " For error bars use the JMH benchmark (docs/benchmarks.md).",
                "Result line: serde: N ns per round trip"},
            exitCodeListHeading = ExitCodes.HEADING,
            exitCodeList = {"0:done", FAILED_LINE, ExitCodes.USAGE_LINE})
    static final class Serde implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--seconds", paramLabel = "S", defaultValue = "10",
                description = "Measured seconds (default: ${DEFAULT-VALUE}).")
        int seconds;

        @Option(names = "--warmup", paramLabel = "S",
                description = "Warm-up seconds (default: as many as measured, at most 5).")
        Integer warmup;

        @Override
        public Integer call() throws Exception {
            if (seconds < 1 || (warmup != null && warmup < 0)) {
                throw new ParameterException(spec.commandLine(),
                        "--seconds must be >= 1 and --warmup >= 0");
            }
            int w = warmup != null ? warmup : Math.min(5, seconds);
            return run("serde", () -> new SerdeBench(seconds, w, progress()).run().finalLine());
        }
    }

    @Command(name = "steps", mixinStandardHelpOptions = true,
            description = {"Microseconds per lead event of the lead task's own work, without Kafka.",
                "The lead events of bench pipeline's generated lines (--events lines: seed 1, events/5 leads, 300 days"
                        + " of 2025), in file order, through the core's LeadSteps as the lead task applies them: the"
                        + " lead's record decoded from bytes (a map stands in for the store), the step, the record"
                        + " encoded, the delta added to a delta buffer released every 12,500 events. Each part is"
                        + " clocked; --rounds rounds from empty state, the last is the result (the others warm the"
                        + " JIT). Beside bench pipeline's rate and store floor it says how much of the stream"
                        + " thread's time per event is the funnel's own code.",
                "Result line: steps: N us per event (record decode A, step B, record encode C, delta buffer D)"},
            exitCodeListHeading = ExitCodes.HEADING,
            exitCodeList = {"0:done", FAILED_LINE, ExitCodes.USAGE_LINE})
    static final class Steps implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--events", paramLabel = "N", defaultValue = "1000000",
                description = "Generated lines (default: ${DEFAULT-VALUE}, as bench pipeline).")
        long events;

        @Option(names = "--rounds", paramLabel = "R", defaultValue = "3",
                description = "Rounds over the same events; the last is the result (default: ${DEFAULT-VALUE}).")
        int rounds;

        @Option(names = "--config", paramLabel = "FILE",
                description = "Funnel YAML; default: the bundled examples/funnel.yaml.")
        Path config;

        @Override
        public Integer call() throws Exception {
            if (events < 10 || rounds < 1) {
                throw new ParameterException(spec.commandLine(), "--events must be >= 10 and --rounds >= 1");
            }
            return run("steps", () -> new StepsBench(new StepsBench.Options(events, rounds, config), progress()).run()
                    .finalLine());
        }
    }

    @Command(name = "latency", mixinStandardHelpOptions = true,
            description = {"End-to-end latency of the running pipeline at a fixed input rate.",
                "Starts the pipeline, then produces --rate events per second for --seconds: one in 10 a LeadCreated of"
                        + " a new lead with a new owner (measured), the others activities (70 %%) and stage moves (30 %%)"
                        + " on leads created earlier; --probes-only makes every event a measured new lead (the worst"
                        + " case: every event opens new cells). Latency = when a read_committed consumer in this JVM"
                        + " receives a measured event's first output record minus when this JVM handed the event to"
                        + " its producer (linger.ms 0):"
                        + " its funnel.stage-flow cell of dimension owner (through the delta buffer, the cell"
                        + " repartition topic and the aggregator: the whole pipeline) and, separately, its"
                        + " funnel.lead-state record (first sub-topology only). The first third of the run (at most"
                        + " 30 s) is warm-up, not counted, so that the result is the steady state: for 5-10 s after a"
                        + " start the pipeline works off a backlog while the JIT compiles its code; --warmup S sets"
                        + " it (--warmup 0 measures the start too).",
                "--low-latency: commit.interval.ms 50 (default 500) and statestore.cache.max.bytes 0 (default"
                        + " 128 MB); the delta buffer is flushed just before each commit either way.",
                "--breakdown: also where the latency goes (acked by the broker, in the input topic, returned by"
                        + " a stream thread's poll, written to funnel.lead-state before its commit, committed, the"
                        + " first delta of the probe's owner cells returned by a poll: p50 / p99 / max of each, from"
                        + " two extra read_uncommitted consumers and an interceptor on the stream threads' consumer)"
                        + " and each stream thread's commit cycles (their commit-total sampled every 5 ms), on stderr."
                        + " Off by default: the extra consumers share the machine with the pipeline.",
                "Result line: latency: p50 A ms, p99 B ms at R events/s (MIX; stage-flow cells; lead-state p50 C"
                        + " ms, p99 D ms)"},
            exitCodeListHeading = ExitCodes.HEADING,
            exitCodeList = {"0:done", FAILED_LINE, ExitCodes.USAGE_LINE, ExitCodes.UNREACHABLE_LINE})
    static final class Latency implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        ClusterOptions cluster;

        @Option(names = "--rate", paramLabel = "R", defaultValue = "1000",
                description = "Events per second (default: ${DEFAULT-VALUE}).")
        int rate;

        @Option(names = "--seconds", paramLabel = "S", defaultValue = "90",
                description = "Seconds of producing (default: ${DEFAULT-VALUE}).")
        int seconds;

        @Option(names = "--warmup", paramLabel = "S",
                description = "Seconds at the start whose events are not counted (default: a third of --seconds, at"
                        + " most 30).")
        Integer warmup;

        @Option(names = "--low-latency", description = "commit.interval.ms 50 (default 500), statestore.cache.max.bytes"
                + " 0 (default 128 MB).")
        boolean lowLatency;

        @Option(names = "--probes-only", description = "Every event a new lead with a new owner (default: one in 10,"
                + " the rest activities and stage moves).")
        boolean probesOnly;

        @Option(names = "--breakdown", description = "Also print where the latency goes and the stream"
                + " threads' commit cycles (stderr).")
        boolean breakdown;

        @Override
        public Integer call() throws Exception {
            if (rate < 1 || rate > 1_000_000 || seconds < 1 || (warmup != null && (warmup < 0 || warmup >= seconds))) {
                throw new ParameterException(spec.commandLine(),
                        "--rate must be 1..1000000, --seconds >= 1 and --warmup 0..seconds-1");
            }
            int partitions = cluster.partitions(spec);
            return run("latency", () -> new LatencyBench(
                    new LatencyBench.Options(rate, seconds, warmup, lowLatency, probesOnly, breakdown, cluster.threads,
                            partitions,
                            cluster.config, cluster.bootstrapServers, cluster.schemaRegistryUrl), progress()).run()
                    .finalLine());
        }
    }

    @Command(name = "restart", mixinStandardHelpOptions = true,
            description = {"Time to RUNNING and to caught up after a restart of the app (run in a child JVM).",
                "Builds state for --leads leads (one LeadCreated each), then per mode stops the app, produces a small"
                        + " batch of events for existing leads (1 %% of the leads, 100..10,000) and starts it again:"
                        + " clean = SIGTERM (a clean close); kill = SIGKILL, state directory kept; lost-state = clean"
                        + " close and the state directory deleted (every store restored from its changelog).",
                "Clocks from the new process's start: RUNNING = Kafka Streams' state (restoration may continue"
                        + " after it); caught up = committed offsets at the end of the inputs and of the repartition"
                        + " topic (lag 0), held for 2 s.",
                "Result line(s): restart: running after A s, caught up after B s (with --mode all one line per"
                        + " mode, e.g. restart (kill, state kept): running after ...)"},
            exitCodeListHeading = ExitCodes.HEADING,
            exitCodeList = {"0:done", FAILED_LINE, ExitCodes.USAGE_LINE, ExitCodes.UNREACHABLE_LINE})
    static final class Restart implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        ClusterOptions cluster;

        @Option(names = "--leads", paramLabel = "N", defaultValue = "1000000",
                description = "Leads of the state (default: ${DEFAULT-VALUE}).")
        int leads;

        @Option(names = "--mode", paramLabel = "MODE", defaultValue = "all",
                description = "clean, kill, lost-state or all (default: ${DEFAULT-VALUE}).")
        String mode;

        @Override
        public Integer call() throws Exception {
            if (leads < 1) {
                throw new ParameterException(spec.commandLine(),
                        "--leads must be >= 1 (got " + leads + ")");
            }
            List<RestartBench.Mode> modes;
            try {
                modes = RestartBench.Mode.parse(mode);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            int partitions = cluster.partitions(spec);
            return run("restart", () -> new RestartBench(
                    new RestartBench.Options(leads, modes, cluster.threads, partitions, cluster.config,
                            cluster.bootstrapServers, cluster.schemaRegistryUrl), progress()).run().finalLines());
        }
    }
}
