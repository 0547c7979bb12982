package dev.funnelstreams.bench;

import dev.funnelstreams.demo.Demo;
import dev.funnelstreams.testkit.ApicurioRegistry;
import dev.funnelstreams.testkit.EmbeddedKafkaBroker;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a benchmark runs: the demo's fixtures started in this run (a KRaft broker in this JVM, Apicurio Registry
 * as a child process, both on free loopback ports, gone afterwards), or a real cluster and registry named by the
 * user. On a real cluster every topic and application id of the run carries the run's own prefix.
 */
public final class BenchCluster implements AutoCloseable {

    private final String bootstrapServers;
    private final String registryUrl;
    private final boolean embedded;
    private final EmbeddedKafkaBroker broker;
    private final ApicurioRegistry registry;

    private BenchCluster(String bootstrapServers, String registryUrl, EmbeddedKafkaBroker broker,
            ApicurioRegistry registry) {
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
        this.embedded = broker != null;
        this.broker = broker;
        this.registry = registry;
    }

    /**
     * The given cluster when both addresses are set; else starts the embedded broker and registry (the registry
     * unpacked once under {@code java.io.tmpdir}, its log in {@code work}).
     */
    public static BenchCluster open(String bootstrapServers, String registryUrl, Path work, Progress progress) {
        if (bootstrapServers != null || registryUrl != null) {
            if (bootstrapServers == null || registryUrl == null) {
                throw new IllegalArgumentException(
                        "--bootstrap-servers and --schema-registry-url go together (a real cluster needs both)");
            }
            progress.line("using Kafka at %s and the schema registry at %s", bootstrapServers, registryUrl);
            return new BenchCluster(bootstrapServers, registryUrl, null, null);
        }
        Path archive = Demo.apicurioArchive();
        Path home = Path.of(System.getProperty("java.io.tmpdir"), "funnel-bench",
                archive.getFileName().toString().replace("-all.tar.gz", ""));
        // the registry JVM boots while this one starts the broker, as in funnel demo
        java.util.concurrent.CompletableFuture<ApicurioRegistry> registryStart = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> ApicurioRegistry.start(home, archive, 0, work.resolve("registry.log"), List.of()));
        EmbeddedKafkaBroker broker;
        try {
            broker = EmbeddedKafkaBroker.start();
        } catch (RuntimeException | Error e) {
            registryStart.thenAccept(ApicurioRegistry::close);
            throw e;
        }
        progress.line("Kafka broker (KRaft, in this JVM) ready at %s", broker.bootstrapServers());
        ApicurioRegistry registry;
        try {
            registry = registryStart.join();
        } catch (RuntimeException e) {
            broker.close();
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        progress.line("Apicurio Registry (child process) ready at %s", registry.registryUrl());
        return new BenchCluster(broker.bootstrapServers(), registry.registryUrl(), broker, registry);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public String registryUrl() {
        return registryUrl;
    }

    /** Whether the broker and registry were started by this run (and go away with it). */
    public boolean embedded() {
        return embedded;
    }

    @Override
    public void close() {
        if (registry != null) {
            registry.close();
        }
        if (broker != null) {
            broker.close();
        }
    }
}
