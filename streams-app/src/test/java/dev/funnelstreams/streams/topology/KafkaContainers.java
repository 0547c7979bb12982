package dev.funnelstreams.streams.topology;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.FixedHostPortGenericContainer;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.lifecycle.Startables;

/**
 * Three Kafka 4.4.0 KRaft broker+controller containers ({@code funnel/kafka:0.1.0}, built by
 * docker/build-images.sh) on one Docker network, as docker-compose.yml runs them: replication factor 3,
 * min.insync.replicas 2, auto-create off; {@link #start} returns once the controller lists all three, and
 * {@link #shared} is the cluster the container ITs share. Each broker has an INTERNAL listener for the other
 * containers ({@code kafka-N:9092}) and an EXTERNAL one on the same fixed port inside and on the host's loopback, so
 * that it keeps its advertised address across a {@code docker kill} and {@code docker start}
 * ({@link #kill}, {@link #start}). For the tests tagged "containers" (-Pcontainers).
 */
final class KafkaContainers implements AutoCloseable {

    static final String KAFKA_IMAGE = System.getProperty("funnel.kafka.image", "funnel/kafka:0.1.0");
    static final int NODES = 3;
    /** The bootstrap list for containers on {@link #network()}. */
    static final String INTERNAL_BOOTSTRAP = "kafka-1:9092,kafka-2:9092,kafka-3:9092";

    private final Network network;
    private final List<GenericContainer<?>> brokers;
    private final List<Integer> ports;

    private KafkaContainers(Network network, List<GenericContainer<?>> brokers, List<Integer> ports) {
        this.network = network;
        this.brokers = brokers;
        this.ports = ports;
    }

    /**
     * Fails at once, saying what to install and run, unless Docker answers and has {@code images} (the
     * container tests never skip: CI installs Docker with .ci/install-test-deps containers).
     */
    static void requireDockerAndImages(String test, String... images) {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            throw new AssertionError(test + " needs Docker (it runs only with -Pcontainers): on Debian run"
                    + " .ci/install-test-deps containers (apt-get install docker.io docker-compose debootstrap, starts"
                    + " dockerd in the background), then docker/build-images.sh; docker/README.md explains it. Ryuk is"
                    + " off (TESTCONTAINERS_RYUK_DISABLED=true, set by the profile) as its image is on Docker Hub.");
        }
        for (String image : images) {
            if (DockerClientFactory.instance().client().listImagesCmd().withImageNameFilter(image).exec().isEmpty()) {
                throw new AssertionError(test + " needs the image " + image + ": run docker/build-images.sh"
                        + " (after ./mvnw -B -DskipTests package, so that it holds this build's jars)");
            }
        }
    }

    private static KafkaContainers shared;

    /**
     * The one cluster the container ITs of this JVM share (started on first use, stopped when the JVM exits):
     * starting three brokers is a fifth of each test's time. Each test uses topics and an application id of
     * its own; a test that kills a broker starts it again and waits until it is back in every ISR.
     */
    static synchronized KafkaContainers shared() throws IOException {
        if (shared == null) {
            shared = start("Y29udGFpbmVyLWl0cy0wMQ");
            KafkaContainers cluster = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "kafka-containers-stop"));
        }
        return shared;
    }

    /** Starts the three brokers and returns once each accepts connections. */
    static KafkaContainers start(String clusterId) throws IOException {
        List<Integer> ports = freePorts(NODES);
        Network network = Network.newNetwork();
        List<GenericContainer<?>> brokers = new ArrayList<>();
        for (int n = 1; n <= NODES; n++) {
            int port = ports.get(n - 1);
            @SuppressWarnings({"deprecation", "resource"})
            GenericContainer<?> broker = new FixedHostPortGenericContainer<>(KAFKA_IMAGE)
                    .withFixedExposedPort(port, port)
                    .withNetwork(network).withNetworkAliases("kafka-" + n)
                    .withEnv("CLUSTER_ID", clusterId)
                    .withEnv("KAFKA_NODE_ID", String.valueOf(n))
                    .withEnv("KAFKA_PROCESS_ROLES", "broker,controller")
                    .withEnv("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@kafka-1:9093,2@kafka-2:9093,3@kafka-3:9093")
                    .withEnv("KAFKA_CONTROLLER_LISTENER_NAMES", "CONTROLLER")
                    .withEnv("KAFKA_INTER_BROKER_LISTENER_NAME", "INTERNAL")
                    .withEnv("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP",
                            "INTERNAL:PLAINTEXT,EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT")
                    .withEnv("KAFKA_LISTENERS", "INTERNAL://:9092,CONTROLLER://:9093,EXTERNAL://:" + port)
                    .withEnv("KAFKA_ADVERTISED_LISTENERS",
                            "INTERNAL://kafka-" + n + ":9092,EXTERNAL://127.0.0.1:" + port)
                    .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                    .withEnv("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "3")
                    .withEnv("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "3")
                    .withEnv("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "2")
                    .withEnv("KAFKA_DEFAULT_REPLICATION_FACTOR", "3")
                    .withEnv("KAFKA_MIN_INSYNC_REPLICAS", "2")
                    .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
                    .withEnv("KAFKA_HEAP_OPTS", "-Xms256m -Xmx512m")
                    .withStartupTimeout(Duration.ofMinutes(3));
            brokers.add(broker);
        }
        KafkaContainers cluster = new KafkaContainers(network, brokers, ports);
        try {
            Startables.deepStart(brokers).join();
            cluster.awaitAllRegistered();
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /**
     * Waits until the controller lists all three brokers: a broker container accepts connections before it
     * has registered, and creating a topic with replication factor 3 meanwhile fails (CI saw "only 2
     * broker(s) are registered").
     */
    private void awaitAllRegistered() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> admin.describeCluster().nodes().get().size() == NODES);
        }
    }

    Network network() {
        return network;
    }

    /** The host's bootstrap list: every broker's EXTERNAL listener on 127.0.0.1. */
    String bootstrapServers() {
        return ports.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
    }

    /** Node {@code node} (1..3) killed with SIGKILL, as in a crash: no controlled shutdown, no clean log close. */
    void kill(int node) {
        DockerClientFactory.instance().client().killContainerCmd(brokers.get(node - 1).getContainerId()).exec();
    }

    /** The same container started again: its log dir (the image's volume) and its host port are kept. */
    void start(int node) {
        DockerClientFactory.instance().client().startContainerCmd(brokers.get(node - 1).getContainerId()).exec();
    }

    boolean isRunning(int node) {
        return Boolean.TRUE.equals(DockerClientFactory.instance().client()
                .inspectContainerCmd(brokers.get(node - 1).getContainerId()).exec().getState().getRunning());
    }

    /** The last {@code lines} lines of node {@code node}'s output, for a failure message. */
    String logs(int node, int lines) {
        String[] all = brokers.get(node - 1).getLogs().split("\n");
        return String.join("\n", java.util.Arrays.asList(all).subList(Math.max(0, all.length - lines), all.length));
    }

    @Override
    public void close() {
        brokers.forEach(GenericContainer::stop);
        network.close();
    }

    static List<Integer> freePorts(int n) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } finally {
            for (ServerSocket s : sockets) {
                s.close();
            }
        }
    }
}
