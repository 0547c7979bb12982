package dev.funnelstreams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.config.FunnelConfigLoader;
import dev.funnelstreams.core.config.PeriodKind;
import dev.funnelstreams.core.generate.FunnelGenerator;
import dev.funnelstreams.core.generate.GeneratorOptions;
import dev.funnelstreams.core.metrics.StageFlowKey;
import dev.funnelstreams.core.metrics.view.OutputRecord;
import dev.funnelstreams.core.metrics.view.OutputTopic;
import dev.funnelstreams.core.metrics.view.StageFlowValue;
import dev.funnelstreams.core.report.BatchReport;
import dev.funnelstreams.core.report.BatchResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code funnel demo} as a user runs it: the shaded jar in a JVM of its own, stopped with Ctrl-C
 * (a real SIGINT), then started again with {@code --resume} on the same data directory. Ctrl-C
 * stops every part, last started first, and says where the data is; the resumed demo shows the
 * same numbers for the same period (nothing lost, nothing counted twice; no live trickle, so they
 * hold still). With {@code --events} the demo replays a file through its connector and shows the
 * numbers {@code funnel report} computes from the same file.
 */
class DemoCommandIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DASHBOARD = Pattern.compile("^\\s+dashboard\\s+(http://\\S+)");

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void ctrlCStopsEveryPartInReverseOrderAndResumeShowsTheSameNumbers() throws Exception {
        Path data = dir.resolve("demo-data");
        Map<String, Long> before;
        String period;
        try (DemoProcess first = DemoProcess.start(data, "--leads", "300", "--days", "60", "--speed", "0")) {
            URI base = first.awaitDashboard();
            first.awaitLine("dashboard has data", Duration.ofMinutes(5));
            awaitHistoryIngested(data);
            period = get(base, "api/periods").path("current").path("QUARTER").asText();
            before = awaitStable(base, period, data);
            assertThat(before.values()).anyMatch(n -> n > 0);

            int exit = first.interruptAndWait();
            assertThat(exit).as("exit status after SIGINT (128 + 2)").isEqualTo(130);
            List<String> out = first.lines();
            assertThat(out).contains("stopping (Ctrl-C) ...");
            assertThat(indexOf(out, "stopped live trickle")).isPositive()
                    .isLessThan(indexOf(out, "stopped connect worker"));
            assertThat(indexOf(out, "stopped connect worker")).isLessThan(indexOf(out, "stopped streams app"));
            assertThat(indexOf(out, "stopped streams app")).isLessThan(indexOf(out, "stopped registry"));
            assertThat(indexOf(out, "stopped registry")).isLessThan(indexOf(out, "stopped broker"));
            assertThat(indexOf(out, "stopped; data kept in")).isGreaterThan(indexOf(out, "stopped broker"));
        }

        try (DemoProcess resumed = DemoProcess.start(data, "--resume", "--speed", "0")) {
            URI base = resumed.awaitDashboard();
            resumed.awaitLine("dashboard has data", Duration.ofMinutes(5));
            assertThat(resumed.lines()).anyMatch(l -> l.contains("resuming in"))
                    .anyMatch(l -> l.contains("resumed: 300 leads known from earlier runs"));
            assertThat(awaitStable(base, period, data)).as("GET /api/funnel?period=%s after --resume", period)
                    .isEqualTo(before);
            assertThat(resumed.interruptAndWait()).isEqualTo(130);
        }
    }

    @Test
    void replayedEventsFileShowsTheBatchReportsNumbers() throws Exception {
        FunnelConfig config = FunnelConfigLoader.load(Path.of("../examples/funnel.yaml"));
        List<String> lines = new ArrayList<>();
        new FunnelGenerator(config, new GeneratorOptions(5, 150, LocalDate.of(2025, 3, 3), 60)).generate(lines::add);
        Path events = Files.write(dir.resolve("events.jsonl"), lines);
        BatchResult batch = BatchReport.run(config, lines.iterator(), Optional.empty());

        try (DemoProcess demo = DemoProcess.start(dir.resolve("demo-data"), "--events", events.toString(),
                "--speed", "0")) {
            URI base = demo.awaitDashboard();
            assertThat(demo.awaitLine("dashboard has data", Duration.ofMinutes(5))).contains("so far (--events history");
            awaitHistoryIngested(dir.resolve("demo-data"));
            // the file's last month (the report's): compared once the API's numbers for it have settled
            String latest = batch.records().get(OutputTopic.STAGE_FLOW).stream()
                    .map(r -> ((StageFlowKey) r.key()).period())
                    .filter(p -> p.kind() == PeriodKind.MONTH)
                    .max(Comparator.naturalOrder()).orElseThrow().label();
            assertThat(latest).startsWith("2025-");
            Map<String, Long> expected = new TreeMap<>();
            for (OutputRecord r : batch.records().get(OutputTopic.STAGE_FLOW)) {
                StageFlowKey k = (StageFlowKey) r.key();
                if (k.period().label().equals(latest) && k.dimension().equals("all")) {
                    expected.put(k.stage(), ((StageFlowValue) r.value()).reached());
                }
            }
            assertThat(awaitStable(base, latest, dir.resolve("demo-data")))
                    .as("GET /api/funnel?period=%s vs funnel report", latest)
                    .isEqualTo(expected);
            JsonNode months = get(base, "api/periods").path("periods").path("MONTH");
            assertThat(months.get(months.size() - 1).asText()).isEqualTo(latest);
            assertThat(demo.interruptAndWait()).isEqualTo(130);
        }
    }

    private static int indexOf(List<String> lines, String part) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(part)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Until the connector has moved the history file from the inbox to {@code drop/done} (every line
     * acknowledged by Kafka): the numbers can only settle after that.
     */
    private static void awaitHistoryIngested(Path data) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while (System.nanoTime() < deadline) {
            try (Stream<Path> done = Files.list(data.resolve("drop").resolve("done"));
                    Stream<Path> in = Files.list(data.resolve("drop").resolve("in"))) {
                boolean moved = done.anyMatch(f -> f.getFileName().toString().startsWith("history-"));
                if (moved && in.noneMatch(f -> f.getFileName().toString().startsWith("history-"))) {
                    return;
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the history file did not reach drop/done within 4 minutes");
    }

    /**
     * Reached per stage for {@code period} once two reads 3 s apart agree. A 503 is the API's "try
     * again" (a store not readable during a rebalance or restore): asked again, and said on stdout
     * with the app's state changes so that a CI log shows why.
     */
    private Map<String, Long> awaitStable(URI base, String period, Path data) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        Map<String, Long> last = null;
        String path = "api/funnel?period=" + period + "&dimension=all";
        String unavailable = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = send(base, path);
            if (r.statusCode() == 503) {
                unavailable = r.body();
                System.out.println("GET /" + path + " answered 503 (" + r.body() + "); app states so far: "
                        + appStates(data));
                last = null;
                Thread.sleep(1000);
                continue;
            }
            assertThat(r.statusCode()).as("GET /%s: %s", path, r.body()).isEqualTo(200);
            Map<String, Long> now = new TreeMap<>();
            for (JsonNode row : JSON.readTree(r.body()).path("stageFlow")) {
                now.put(row.path("key").path("stage").asText(), row.path("value").path("reached").asLong());
            }
            if (!now.isEmpty() && now.equals(last)) {
                return now;
            }
            last = now;
            Thread.sleep(3000);
        }
        throw new AssertionError("GET /" + path + " did not settle within 4 minutes: " + last
                + (unavailable == null ? "" : "; last 503: " + unavailable + "; app states: " + appStates(data)));
    }

    /**
     * The streaming app's state changes (its own INFO lines) and Kafka Streams' warnings and errors
     * from the demo's log file, the last 20.
     */
    private static List<String> appStates(Path data) throws IOException {
        Path log = data.resolve("logs").resolve("demo.log");
        if (!Files.exists(log)) {
            return List.of();
        }
        try (Stream<String> lines = Files.lines(log, StandardCharsets.ISO_8859_1)) {
            List<String> found = lines.filter(l -> l.contains("FunnelStreamsApp - state")
                    || l.contains(" WARN org.apache.kafka.streams") || l.contains(" ERROR "))
                    .map(l -> l.length() > 300 ? l.substring(0, 300) : l).toList();
            return found.subList(Math.max(0, found.size() - 20), found.size());
        }
    }

    private HttpResponse<String> send(URI base, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode get(URI base, String path) throws Exception {
        HttpResponse<String> r = send(base, path);
        assertThat(r.statusCode()).as("GET /%s: %s", path, r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /** {@code java -jar target/funnel.jar demo ...} with its output collected line by line. */
    private static final class DemoProcess implements AutoCloseable {

        private final Process process;
        private final List<String> lines = new ArrayList<>();
        private final Thread reader;

        private DemoProcess(Process process) {
            this.process = process;
            this.reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        System.out.println("[demo] " + line);
                        synchronized (lines) {
                            lines.add(line);
                            lines.notifyAll();
                        }
                    }
                } catch (IOException e) {
                    // the process ended
                }
            }, "demo-output");
            reader.setDaemon(true);
            reader.start();
        }

        static DemoProcess start(Path data, String... args) throws IOException {
            List<String> command = new ArrayList<>();
            if (ignoresSigint("self")) {
                // A background job without job control (`cmd &` in a script, nohup) starts with SIGINT ignored, every
                // child inherits that, and a JVM that starts with it ignored never sees Ctrl-C. A user's terminal
                // delivers it, so the demo starts the way a terminal starts it: perl (Debian's perl-base) restores
                // the default and execs java in the same process.
                command.addAll(List.of("perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die \"exec: $!\";"));
            }
            command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                    Path.of("target", "funnel.jar").toString(), "demo", "--data-dir", data.toString(), "--port", "0"));
            command.addAll(List.of(args));
            return new DemoProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
        }

        /**
         * Whether process {@code pid} ("self": this JVM) ignores SIGINT (signal 2: value 0x2 of the SigIgn mask in its
         * /proc status). False once the process has ended.
         */
        private static boolean ignoresSigint(String pid) throws IOException {
            Path status = Path.of("/proc", pid, "status");
            List<String> lines;
            try {
                lines = Files.readAllLines(status);
            } catch (NoSuchFileException e) {
                return false;
            }
            return lines.stream().filter(l -> l.startsWith("SigIgn:"))
                    .anyMatch(l -> (Long.parseUnsignedLong(l.substring("SigIgn:".length()).trim(), 16) & 0x2) != 0);
        }

        List<String> lines() {
            synchronized (lines) {
                return List.copyOf(lines);
            }
        }

        String awaitLine(String part, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            synchronized (lines) {
                while (true) {
                    for (String l : lines) {
                        if (l.contains(part)) {
                            return l;
                        }
                    }
                    long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                    if (left <= 0 || !process.isAlive() && !reader.isAlive()) {
                        throw new AssertionError("no line containing \"" + part + "\" (process "
                                + (process.isAlive() ? "running" : "exited " + process.exitValue()) + "): " + lines);
                    }
                    lines.wait(Math.min(left, 1000));
                }
            }
        }

        URI awaitDashboard() throws InterruptedException {
            Matcher m = DASHBOARD.matcher(awaitLine("  dashboard   ", Duration.ofMinutes(4)));
            assertThat(m.find()).isTrue();
            return URI.create(m.group(1));
        }

        /**
         * Ctrl-C: SIGINT to the demo's JVM, then its exit status once its output has ended. The demo gives each
         * of its five parts at most 45 s to stop; 5 minutes covers that with room.
         */
        int interruptAndWait() throws Exception {
            assertThat(ignoresSigint(Long.toString(process.pid())))
                    .as("the demo's JVM ignores SIGINT, so Ctrl-C cannot reach it (SigIgn in /proc/PID/status)").isFalse();
            // bash's built-in kill: no procps needed
            Process kill = new ProcessBuilder("bash", "-c", "kill -INT " + process.pid()).inheritIO().start();
            assertThat(kill.waitFor()).isZero();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                String threads = threads(process.pid());
                System.out.println("[demo] did not stop within 5 minutes of Ctrl-C; jstack:\n" + threads);
                List<String> out = lines();
                throw new AssertionError("the demo did not stop within 5 minutes of Ctrl-C; its last lines:\n"
                        + String.join("\n", out.subList(Math.max(0, out.size() - 10), out.size()))
                        + "\nits threads (the demo's own first; name, state, top frames):\n" + summary(threads));
            }
            reader.join(10_000);
            return process.exitValue();
        }

        /** jstack's thread dump of {@code pid} (the JDK running the test has it). */
        private static String threads(long pid) throws Exception {
            Process jstack = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jstack").toString(),
                    Long.toString(pid)).redirectErrorStream(true).start();
            String out = new String(jstack.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            jstack.waitFor(1, TimeUnit.MINUTES);
            return out;
        }

        /**
         * Each thread of a dump as its name line, its state and its top frames, at most 8,000 characters. The
         * threads running the project's code (the shutdown hook, a part being stopped) come first with eight
         * frames; the rest (broker, clients, JVM) follow with three.
         */
        private static String summary(String dump) {
            List<String> ours = new ArrayList<>();
            List<String> others = new ArrayList<>();
            for (String block : dump.split("\n\\s*\n")) {
                List<String> lines = block.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
                if (lines.isEmpty() || !lines.get(0).startsWith("\"")) {
                    continue;
                }
                boolean own = block.contains("dev.funnelstreams") || lines.get(0).contains("funnel-demo");
                String name = lines.get(0).replaceAll(" #\\d+.*", "");
                (own ? ours : others).add(name + " | " + lines.subList(1, Math.min(lines.size(), own ? 10 : 5)));
            }
            ours.addAll(others);
            String out = String.join("\n", ours);
            return out.length() > 8000 ? out.substring(0, 8000) : out;
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(2, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                }
            }
        }
    }
}
