package dev.funnelstreams.testkit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Utils;

/**
 * A three-node KRaft cluster inside the test JVM, for fault tests: every node is broker and controller (a
 * quorum of three voters survives losing one), internal topics and the default replication factor are 3 with
 * min.insync.replicas 2, so one node can be stopped while clients go on. {@link #stop(int)} stops a node
 * without controlled shutdown ({@code controlled.shutdown.enable=false}): its partitions keep it as leader
 * until the controller fences it after {@code broker.session.timeout.ms}, as after a crash. It is not a
 * crash of the process: the log is flushed and closed cleanly (the closest an in-JVM server allows).
 * {@link #restart(int)} starts it again on the same log directory and ports.
 */
public final class EmbeddedKafkaCluster implements AutoCloseable {

    public static final int NODES = 3;

    private final List<Node> nodes;

    private EmbeddedKafkaCluster(List<Node> nodes) {
        this.nodes = nodes;
    }

    private static final class Node {
        final int id;
        final Path logDir;
        final Properties props;
        final String address;
        KafkaRaftServer server;

        Node(int id, Path logDir, Properties props, String address) {
            this.id = id;
            this.logDir = logDir;
            this.props = props;
            this.address = address;
        }
    }

    /** Formats three log directories with one cluster id and starts the nodes; returns once all accept clients. */
    public static EmbeddedKafkaCluster start() {
        List<Integer> brokerPorts = new ArrayList<>();
        List<Integer> controllerPorts = new ArrayList<>();
        for (int i = 0; i < NODES; i++) {
            brokerPorts.add(FreePort.pick());
            controllerPorts.add(FreePort.pick());
        }
        String voters = java.util.stream.IntStream.range(0, NODES)
                .mapToObj(i -> (i + 1) + "@" + FreePort.LOOPBACK + ":" + controllerPorts.get(i))
                .collect(Collectors.joining(","));
        String clusterId = Uuid.randomUuid().toString();
        List<Node> nodes = new ArrayList<>();
        EmbeddedKafkaCluster cluster = new EmbeddedKafkaCluster(nodes);
        try {
            for (int i = 0; i < NODES; i++) {
                Path logDir = EmbeddedKafkaBroker.createTempDir();
                Properties props = properties(i + 1, logDir, brokerPorts.get(i), controllerPorts.get(i), voters);
                nodes.add(new Node(i + 1, logDir, props, FreePort.LOOPBACK + ":" + brokerPorts.get(i)));
                EmbeddedKafkaBroker.format(logDir, props, clusterId);
            }
            // The controllers need a quorum before any node's startup() returns: start them side by side.
            List<Thread> starters = new ArrayList<>();
            List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
            for (Node n : nodes) {
                Thread t = new Thread(() -> {
                    try {
                        n.server = EmbeddedKafkaBroker.startServer(n.props);
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }, "start-kafka-node-" + n.id);
                t.start();
                starters.add(t);
            }
            for (Thread t : starters) {
                t.join();
            }
            if (!failures.isEmpty()) {
                throw new IllegalStateException("a node of the cluster did not start", failures.get(0));
            }
            return cluster;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cluster.close();
            throw new IllegalStateException("interrupted while starting the cluster", e);
        } catch (RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    /** Every node's {@code host:port}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return nodes.stream().map(n -> n.address).collect(Collectors.joining(","));
    }

    /** Node ids, 1..3. */
    public List<Integer> nodeIds() {
        return nodes.stream().map(n -> n.id).toList();
    }

    /**
     * How far each node's log cleaner has compacted each partition ({@link EmbeddedKafkaBroker#cleanedBelow()}),
     * the furthest of the three: every node cleans its replica itself, and a consumer may read any of them
     * after a leader change.
     */
    public Map<TopicPartition, Long> cleanedBelow() {
        Map<TopicPartition, Long> out = new HashMap<>();
        for (Node n : nodes) {
            EmbeddedKafkaBroker.cleanedBelow(n.logDir).forEach((tp, offset) -> out.merge(tp, offset, Math::max));
        }
        return out;
    }

    /** Creates a topic with replication factor 3 and waits until every partition's leader answers. */
    public void createTopic(String name, int partitions, Map<String, String> configs) {
        EmbeddedKafkaBroker.createTopic(bootstrapServers(), new NewTopic(name, partitions, (short) NODES).configs(configs));
    }

    /** Stops node {@code id} without controlled shutdown and waits until it has stopped. */
    public void stop(int id) {
        Node n = node(id);
        if (n.server == null) {
            throw new IllegalStateException("node " + id + " is not running");
        }
        n.server.shutdown();
        n.server.awaitShutdown();
        n.server = null;
    }

    /** Starts node {@code id} again on its log directory and ports; returns once it accepts clients. */
    public void restart(int id) {
        Node n = node(id);
        if (n.server != null) {
            throw new IllegalStateException("node " + id + " is running");
        }
        n.server = EmbeddedKafkaBroker.startServer(n.props);
    }

    public boolean isRunning(int id) {
        return node(id).server != null;
    }

    private Node node(int id) {
        return nodes.stream().filter(n -> n.id == id).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node " + id + " (nodes: " + nodeIds() + ")"));
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        // Brokers first, so that no broker waits for a controller that has already gone.
        for (Node n : nodes) {
            try {
                if (n.server != null) {
                    n.server.shutdown();
                    n.server.awaitShutdown();
                    n.server = null;
                }
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        for (Node n : nodes) {
            try {
                Utils.delete(n.logDir.toFile());
            } catch (java.io.IOException e) {
                failure = failure == null ? new java.io.UncheckedIOException(e) : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static Properties properties(int id, Path logDir, int brokerPort, int controllerPort, String voters) {
        Properties p = EmbeddedKafkaBroker.nodeProperties(id, voters, logDir, brokerPort, controllerPort, 3);
        // A stopped node is a crashed node for the others: no leadership hand-over before it goes.
        p.put("controlled.shutdown.enable", "false");
        p.put("num.replica.fetchers", "1");
        p.put("background.threads", "2");
        return p;
    }
}
