package dev.funnelstreams.cli;

import dev.funnelstreams.core.config.ConfigException;
import dev.funnelstreams.streams.AppConfig;
import dev.funnelstreams.streams.Topics;
import dev.funnelstreams.streams.runtime.ConfigGuard;
import dev.funnelstreams.streams.runtime.FunnelStreamsApp;
import dev.funnelstreams.streams.runtime.Preflight;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code funnel run}: the streaming app against an external Kafka and schema registry. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the streaming app (exactly-once) until SIGTERM / Ctrl-C.",
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {"1:the app stopped with an error (Kafka Streams state ERROR; the log says why)",
            ExitCodes.USAGE_LINE + "; or a funnel config or input partition count other than those the"
                    + " application's state was built under (the message lists the lines that differ)",
            "3:cannot reach the Kafka broker or the schema registry (the message names the address tried),"
                    + " the broker's ACLs refuse the app (the message names what was refused), or the HTTP port is"
                    + " in use",
            ExitCodes.CTRL_C_LINE})
public final class RunCommand implements Callable<Integer> {

    @Mixin
    StreamsOptions options;

    @Option(names = "--application-id", description = "Kafka Streams application.id (default: funnel-streams).")
    String applicationId;

    @Option(names = "--state-dir", description = "Kafka Streams state directory.")
    Path stateDir;

    @Option(names = "--http-host", description = "Address the HTTP API binds (default 127.0.0.1; streams.http.host).")
    String httpHost;

    @Option(names = "--http-port", description = "Port of the HTTP API (default 8080, 0 = any free port; streams.http.port).")
    Integer httpPort;

    @Option(names = "--http-token", description = "Bearer token the HTTP API requires (prefer streams.http.token: "
            + "a flag is visible in the process list).")
    String httpToken;

    @Override
    public Integer call() throws Exception {
        AppConfig config;
        try {
            config = options.load(applicationId, stateDir, null, null, httpHost, httpPort, httpToken);
        } catch (ConfigException e) {
            return StreamsOptions.configError("run", e);
        }
        FunnelStreamsApp app;
        try {
            app = FunnelStreamsApp.start(config, Topics.defaults());
        } catch (Preflight.Unreachable | java.net.BindException e) {
            System.err.println("funnel run: " + e.getMessage());
            return ExitCodes.UNREACHABLE;
        } catch (ConfigGuard.Changed e) {
            System.err.println("funnel run: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        CountDownLatch reported = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            app.close();
            try {
                // the JVM halts when this hook returns: let the main thread print its last line first
                reported.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "funnel-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        System.err.println("funnel run: started " + app + app.httpUri().map(u -> ", HTTP API on " + u).orElse("")
                + "; stop with SIGTERM or Ctrl-C");
        app.awaitStop();
        System.err.println("funnel run: stopped (" + app.state() + ")");
        reported.countDown();
        return app.state() == org.apache.kafka.streams.KafkaStreams.State.ERROR ? ExitCodes.FAILED : ExitCodes.DONE;
    }
}
