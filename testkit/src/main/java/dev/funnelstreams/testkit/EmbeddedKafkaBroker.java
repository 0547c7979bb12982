package dev.funnelstreams.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;

/**
 * A single-node KRaft Kafka (broker and controller in one process role set) running inside the test JVM,
 * on free loopback ports, with its log directory in a temp folder that {@link #close()} deletes.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
    /** The file in which the broker's log cleaner records how far it has compacted each partition. */
    static final String CLEANER_CHECKPOINT = "cleaner-offset-checkpoint";

    private final Path logDir;
    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final boolean deleteOnClose;
    private final String saslBootstrapServers;

    private EmbeddedKafkaBroker(Path logDir, KafkaRaftServer server, String bootstrapServers, boolean deleteOnClose,
            String saslBootstrapServers) {
        this.logDir = logDir;
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.deleteOnClose = deleteOnClose;
        this.saslBootstrapServers = saslBootstrapServers;
    }

    /** Formats a fresh log directory and starts the broker; returns once it accepts clients. */
    public static EmbeddedKafkaBroker start() {
        Path logDir = createTempDir();
        try {
            int brokerPort = FreePort.pick();
            int controllerPort = FreePort.pick();
            Properties props = serverProperties(logDir, brokerPort, controllerPort);
            format(logDir, props);
            KafkaRaftServer server = startServer(props);
            return new EmbeddedKafkaBroker(logDir, server, FreePort.LOOPBACK + ":" + brokerPort, true, null);
        } catch (RuntimeException | Error e) {
            deleteQuietlyAfterFailure(logDir, e);
            throw e;
        }
    }

    /**
     * A broker with ACLs (KRaft's StandardAuthorizer): {@link #bootstrapServers()} is a PLAINTEXT listener
     * whose anonymous user is a super user (for the test's own set-up: topics, ACLs), and
     * {@link #saslBootstrapServers()} a SASL/PLAIN listener where {@code user} logs in with {@code password}
     * and may do only what ACLs allow it.
     */
    public static EmbeddedKafkaBroker startWithAcls(String user, String password) {
        Path logDir = createTempDir();
        try {
            int brokerPort = FreePort.pick();
            int saslPort = FreePort.pick();
            Properties props = serverProperties(logDir, brokerPort, FreePort.pick());
            String sasl = "SASL_PLAINTEXT://" + FreePort.LOOPBACK + ":" + saslPort;
            props.put("listeners", props.getProperty("listeners") + "," + sasl);
            props.put("advertised.listeners", props.getProperty("advertised.listeners") + "," + sasl);
            props.put("listener.security.protocol.map", props.getProperty("listener.security.protocol.map")
                    + ",SASL_PLAINTEXT:SASL_PLAINTEXT");
            props.put("sasl.enabled.mechanisms", "PLAIN");
            props.put("listener.name.sasl_plaintext.plain.sasl.jaas.config",
                    "org.apache.kafka.common.security.plain.PlainLoginModule required user_" + user + "=\""
                            + password + "\";");
            props.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
            props.put("super.users", "User:ANONYMOUS");
            format(logDir, props);
            KafkaRaftServer server = startServer(props);
            return new EmbeddedKafkaBroker(logDir, server, FreePort.LOOPBACK + ":" + brokerPort, true,
                    FreePort.LOOPBACK + ":" + saslPort);
        } catch (RuntimeException | Error e) {
            deleteQuietlyAfterFailure(logDir, e);
            throw e;
        }
    }

    /** The SASL/PLAIN listener of {@link #startWithAcls}; null for the other brokers. */
    public String saslBootstrapServers() {
        return saslBootstrapServers;
    }

    /**
     * Starts a broker whose data outlives it (the demo's {@code --resume}): {@code logDir} is formatted
     * only when it holds no {@code meta.properties} yet, and {@link #close()} keeps it. A port of 0
     * picks a free one; a resumed broker may listen on other ports than before.
     */
    public static EmbeddedKafkaBroker startPersistent(Path logDir, int brokerPort, int controllerPort) {
        int broker = brokerPort == 0 ? FreePort.pick() : brokerPort;
        int controller = controllerPort == 0 ? FreePort.pick() : controllerPort;
        Properties props = serverProperties(logDir, broker, controller);
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create " + logDir, e);
        }
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            format(logDir, props);
        }
        KafkaRaftServer server = startServer(props);
        return new EmbeddedKafkaBroker(logDir, server, FreePort.LOOPBACK + ":" + broker, false, null);
    }

    /** Starts a KRaft server on formatted storage; a server that fails to start is shut down. */
    static KafkaRaftServer startServer(Properties props) {
        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props), Time.SYSTEM);
        try {
            server.startup();
        } catch (RuntimeException | Error e) {
            server.shutdown();
            throw e;
        }
        return server;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    Path logDir() {
        return logDir;
    }

    /**
     * How far the log cleaner has compacted each compacted partition: its first offset not yet cleaned (below
     * it, a key's earlier records may have been removed), as the broker's {@value #CLEANER_CHECKPOINT} file says;
     * a partition never cleaned is absent.
     */
    public Map<TopicPartition, Long> cleanedBelow() {
        return cleanedBelow(logDir);
    }

    /** {@link #cleanedBelow()} of the broker whose log directory is {@code logDir}. */
    static Map<TopicPartition, Long> cleanedBelow(Path logDir) {
        Path file = logDir.resolve(CLEANER_CHECKPOINT);
        Map<TopicPartition, Long> out = new HashMap<>();
        try {
            if (!Files.exists(file)) {
                return out;
            }
            // version, entry count, then "topic partition offset" per line
            List<String> lines = Files.readAllLines(file);
            for (String line : lines.subList(Math.min(2, lines.size()), lines.size())) {
                String[] f = line.trim().split(" ");
                if (f.length == 3) {
                    out.put(new TopicPartition(f[0], Integer.parseInt(f[1])), Long.parseLong(f[2]));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
    }

    /**
     * Creates a topic with replication factor 1 and waits until its leader can append to every
     * partition (a ListOffsets answered by the leader), not only until the controller has accepted
     * it: an idempotent producer that starts before that can hang for delivery.timeout.ms (see
     * TopicAdmin.awaitWritable in streams-app).
     */
    public void createTopic(String name, int partitions, Map<String, String> configs) {
        createTopic(bootstrapServers, new NewTopic(name, partitions, (short) 1).configs(configs));
    }

    /** Creates {@code topic} on the cluster at {@code bootstrapServers} and waits until every partition is writable. */
    static void createTopic(String bootstrapServers, NewTopic topic) {
        String name = topic.name();
        int partitions = topic.numPartitions();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(topic)).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                latest.put(new TopicPartition(name, p), OffsetSpec.latest());
            }
            long deadline = System.nanoTime() + ADMIN_TIMEOUT.toNanos();
            while (true) {
                try {
                    admin.listOffsets(latest).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                    break;
                } catch (ExecutionException e) {
                    // the broker may not know the topic yet (UNKNOWN_TOPIC_OR_PARTITION): ask again
                    if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline) {
                        throw e;
                    }
                    Thread.sleep(100);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + name, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not create topic " + name + " on " + bootstrapServers, e);
        }
    }

    @Override
    public void close() {
        try {
            server.shutdown();
            server.awaitShutdown();
        } finally {
            if (deleteOnClose) {
                delete(logDir);
            }
        }
    }

    private static Properties serverProperties(Path logDir, int brokerPort, int controllerPort) {
        return nodeProperties(1, "1@" + FreePort.LOOPBACK + ":" + controllerPort, logDir, brokerPort, controllerPort, 1);
    }

    /**
     * A combined broker + controller node of a cluster of {@code nodes} (1 here, 3 in {@link EmbeddedKafkaCluster}):
     * every internal topic replicated on all nodes, min ISR one less (at least 1), so it stays writable with one
     * node down.
     */
    static Properties nodeProperties(int nodeId, String voters, Path logDir, int brokerPort, int controllerPort,
            int nodes) {
        String replicas = String.valueOf(nodes);
        String minIsr = String.valueOf(Math.max(1, nodes - 1));
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(nodeId));
        p.put("controller.quorum.voters", voters);
        p.put("listeners", "PLAINTEXT://" + FreePort.LOOPBACK + ":" + brokerPort
                + ",CONTROLLER://" + FreePort.LOOPBACK + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + FreePort.LOOPBACK + ":" + brokerPort);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        // Tests create their topics; an auto-created topic would hide a missing createTopic call.
        p.put("auto.create.topics.enable", "false");
        p.put("num.partitions", "1");
        p.put("default.replication.factor", replicas);
        p.put("min.insync.replicas", minIsr);
        p.put("offsets.topic.replication.factor", replicas);
        p.put("offsets.topic.num.partitions", replicas);
        p.put("transaction.state.log.replication.factor", replicas);
        p.put("transaction.state.log.min.isr", minIsr);
        p.put("transaction.state.log.num.partitions", replicas);
        p.put("share.coordinator.state.topic.replication.factor", replicas);
        p.put("share.coordinator.state.topic.min.isr", minIsr);
        p.put("share.coordinator.state.topic.num.partitions", "1");
        p.put("remote.log.metadata.topic.replication.factor", replicas);
        // The default 128 MiB cleaner buffer is wasted heap in a test JVM.
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(2 * 1024 * 1024));
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "2");
        return p;
    }

    static void format(Path logDir, Properties props) {
        format(logDir, props, Uuid.randomUuid().toString());
    }

    /** Formats {@code logDir} for a node of cluster {@code clusterId} (every node of one cluster shares it). */
    static void format(Path logDir, Properties props, String clusterId) {
        Path configFile = logDir.resolveSibling(logDir.getFileName() + ".properties");
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try {
            try (OutputStream out = Files.newOutputStream(configFile)) {
                props.store(out, "embedded KRaft broker");
            }
            String[] args = {"format", "--cluster-id", clusterId, "--config", configFile.toString()};
            int exitCode = StorageTool.execute(args, new PrintStream(output, true, StandardCharsets.UTF_8));
            if (exitCode != 0) {
                throw new IllegalStateException("formatting " + logDir + " failed (exit " + exitCode + "): "
                        + output.toString(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + configFile, e);
        } finally {
            delete(configFile);
        }
    }

    static Path createTempDir() {
        try {
            return Files.createTempDirectory("funnel-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a temp log dir", e);
        }
    }

    static void delete(Path path) {
        try {
            Utils.delete(path.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + path, e);
        }
    }

    private static void deleteQuietlyAfterFailure(Path path, Throwable failure) {
        try {
            delete(path);
        } catch (UncheckedIOException e) {
            failure.addSuppressed(e);
        }
    }
}
