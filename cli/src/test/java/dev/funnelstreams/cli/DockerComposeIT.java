package dev.funnelstreams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.funnelstreams.core.config.FunnelConfigLoader;
import dev.funnelstreams.ingest.connect.FileSourceConnector;
import dev.funnelstreams.ingest.mapping.Mapping;
import dev.funnelstreams.streams.AppConfig;
import dev.funnelstreams.streams.AppConfigLoader;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What can be checked of docker-compose.yml (and docker-compose.monitoring.yml) without Docker, after
 * {@code package} (failsafe): every service, image, port and mounted path exists in the repository or its
 * build outputs, every file an image copies (docker/NAME/Dockerfile, built by docker/build-images.sh) too,
 * the names the services use for each other resolve, and the configs in the images load with the project's
 * own loaders. Running the stack is docker/README.md's job (it needs Docker).
 */
class DockerComposeIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> SERVICES = Set.of("kafka-1", "kafka-2", "kafka-3", "registry", "connect",
            "connect-init", "app-1", "app-2", "prometheus", "grafana");
    /** The image each service of docker-compose.yml runs, and the Dockerfile that builds it. */
    private static final Map<String, String> DOCKERFILES = Map.of("funnel/kafka:0.1.0", "docker/kafka/Dockerfile",
            "funnel/registry:0.1.0", "docker/registry/Dockerfile", "funnel/connect:0.1.0", "docker/connect/Dockerfile",
            "funnel/app:0.1.0", "docker/app/Dockerfile");

    private static JsonNode compose;
    private static JsonNode services;
    private static JsonNode monitoring;

    @BeforeAll
    static void parse() throws Exception {
        compose = YAML.readTree(withDefaults(Files.readString(ROOT.resolve("docker-compose.yml"))));
        monitoring = YAML.readTree(withDefaults(Files.readString(ROOT.resolve("docker-compose.monitoring.yml"))));
        // both files are one project: docker-compose -f docker-compose.yml -f docker-compose.monitoring.yml
        com.fasterxml.jackson.databind.node.ObjectNode all = compose.path("services").deepCopy();
        all.setAll((com.fasterxml.jackson.databind.node.ObjectNode) monitoring.path("services"));
        services = all;
    }

    /**
     * The file as Compose reads it with none of its variables set: {@code ${NAME:-default}} becomes the default
     * (the host ports and the drop folder can be moved that way; docker/compose-test.sh does).
     */
    static String withDefaults(String composeFile) {
        assertThat(composeFile).as("variables without a default").doesNotContainPattern("\\$\\{[A-Za-z0-9_]+\\}");
        return composeFile.replaceAll("\\$\\{[A-Za-z0-9_]+:-([^}]*)\\}", "$1");
    }

    /** Files a service's image copies in (COPY/ADD lines of its Dockerfile): container path -> host path. */
    private static Map<String, Path> copies(String service) throws Exception {
        Map<String, Path> out = new HashMap<>();
        String dockerfile = DOCKERFILES.get(services.path(service).path("image").asText());
        if (dockerfile == null) {
            return out;
        }
        for (String line : Files.readAllLines(ROOT.resolve(dockerfile))) {
            String[] words = line.trim().split("\\s+");
            if (words[0].equals("COPY") || words[0].equals("ADD")) {
                String target = words[words.length - 1];
                for (int i = 1; i < words.length - 1; i++) {
                    Path host = ROOT.resolve(words[i]).normalize();
                    String name = host.getFileName().toString();
                    boolean intoDir = target.endsWith("/") && !words[i].endsWith("/");
                    out.put(intoDir ? target + name : target.replaceAll("/$", ""), host);
                }
            }
        }
        return out;
    }

    /** What a service sees of the repository: its image's copies and its bind mounts. */
    private static Map<String, Path> files(String service) throws Exception {
        Map<String, Path> out = copies(service);
        out.putAll(binds(service));
        return out;
    }

    private static List<String> dependencies(String service) {
        JsonNode d = services.path(service).path("depends_on");
        return d.isArray() ? texts(d) : names(d);
    }

    /** The host port of "127.0.0.1:HOST:CONTAINER". */
    private static int hostPort(String published) {
        return Integer.parseInt(published.split(":")[1]);
    }

    private static List<String> names(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** Bind mounts of a service: container path -> host path (absolute). */
    private static Map<String, Path> binds(String service) {
        Map<String, Path> out = new HashMap<>();
        for (String v : texts(services.path(service).path("volumes"))) {
            String[] parts = v.split(":");
            if (parts[0].startsWith("./")) {
                out.put(parts[1], ROOT.resolve(parts[0].substring(2)).normalize());
            }
        }
        return out;
    }

    @Test
    void hasTheDocumentedServicesWithPinnedImages() {
        assertThat(names(services)).containsExactlyInAnyOrderElementsOf(SERVICES);
        for (String s : SERVICES) {
            String image = services.path(s).path("image").asText();
            assertThat(image).as(s + ".image").matches("[a-z0-9./-]+:[A-Za-z0-9._-]+").doesNotEndWith(":latest");
        }
        for (String k : List.of("kafka-1", "kafka-2", "kafka-3")) {
            assertThat(services.path(k).path("image").asText()).isEqualTo("funnel/kafka:0.1.0");
        }
        assertThat(services.path("connect").path("image").asText()).isEqualTo("funnel/connect:0.1.0");
        assertThat(services.path("registry").path("image").asText()).isEqualTo("funnel/registry:0.1.0");
        assertThat(services.path("app-1").path("image").asText()).isEqualTo("funnel/app:0.1.0");
        assertThat(compose.path("version").asText()).as("a format docker-compose 1.29 runs").isEqualTo("2.4");
        for (String s : names(compose.path("services"))) {
            String image = services.path(s).path("image").asText();
            assertThat(DOCKERFILES).as(s + " runs an image docker/build-images.sh builds").containsKey(image);
            assertThat(services.path(s).path("mem_limit").asText()).as(s + " memory limit").isNotEmpty();
        }
    }

    @Test
    void brokersReplicateThreeWaysWithoutAutoCreationAndServicesWaitForHealthyDependencies() {
        for (int n = 1; n <= 3; n++) {
            JsonNode env = services.path("kafka-" + n).path("environment");
            assertThat(env.path("KAFKA_AUTO_CREATE_TOPICS_ENABLE").asText()).isEqualTo("false");
            assertThat(env.path("KAFKA_DEFAULT_REPLICATION_FACTOR").asText()).isEqualTo("3");
            assertThat(env.path("KAFKA_MIN_INSYNC_REPLICAS").asText()).isEqualTo("2");
        }
        for (String s : List.of("registry", "connect", "connect-init", "app-1", "app-2")) {
            JsonNode deps = services.path(s).path("depends_on");
            deps.fields().forEachRemaining(d -> assertThat(d.getValue().path("condition").asText())
                    .as(s + " waits for " + d.getKey()).isEqualTo("service_healthy"));
        }
        assertThat(dependencies("app-2")).contains("app-1");
        assertThat(dependencies("connect-init")).contains("connect", "app-1");
        assertThat(services.path("app-1").path("environment").path("FUNNEL_HTTP_TOKEN").asText()).isNotEmpty();
    }

    @Test
    void everyMountedPathExistsInTheRepositoryOrItsBuildOutputAndEveryNamedVolumeIsDeclared() throws Exception {
        Set<String> declared = new HashSet<>(names(compose.path("volumes")));
        declared.addAll(names(monitoring.path("volumes")));
        for (String s : SERVICES) {
            for (String v : texts(services.path(s).path("volumes"))) {
                String[] parts = v.split(":");
                assertThat(parts.length).as(s + " volume " + v).isBetween(2, 3);
                assertThat(parts[1]).as(s + " volume " + v + " target").startsWith("/");
                if (parts[0].startsWith("./")) {
                    Path host = ROOT.resolve(parts[0].substring(2)).normalize();
                    assertThat(host).as(s + " mounts " + parts[0]).exists();
                    assertThat(host).as(s + " mounts " + parts[0] + " inside the repository").startsWith(ROOT);
                } else {
                    assertThat(declared).as(s + " named volume " + parts[0]).contains(parts[0]);
                }
            }
        }
        // the plugin folder is the one the ingest-connector build lays out (README "Install")
        for (String s : DOCKERFILES.values()) {
            assertThat(ROOT.resolve(s)).isRegularFile();
        }
        // docker/NAME/target/ is laid out by build-images.sh (the Kafka jars from docker/kafka/pom.xml, the
        // Apicurio archive from ~/.m2), not by the main build: a clean checkout has the script's step for it,
        // not yet the file
        String buildImages = Files.readString(ROOT.resolve("docker/build-images.sh"));
        assertThat(ROOT.resolve("docker/kafka/pom.xml")).isRegularFile();
        assertThat(buildImages).contains("-f docker/kafka/pom.xml");
        for (String s : names(compose.path("services"))) {
            copies(s).forEach((target, host) -> {
                Path relative = ROOT.relativize(host);
                if (relative.startsWith("docker") && relative.getNameCount() > 2
                        && relative.getName(2).toString().equals("target")) {
                    assertThat(buildImages).as(s + " image copies " + relative + ", which build-images.sh lays out")
                            .contains(relative.subpath(0, 3).toString());
                } else {
                    assertThat(host).as(s + " image copies " + host + " to " + target).exists();
                }
            });
        }
        for (String plugin : List.of("ingest-connector", "alert-sink")) {
            assertThat(copies("connect").entrySet()).filteredOn(e -> e.getKey().startsWith(
                    "/opt/connect-plugins/funnel-streams-" + plugin + "-")).singleElement()
                    .satisfies(e -> assertThat(e.getValue().resolve("manifest.json")).isRegularFile());
        }
        assertThat(copies("app-1").get("/opt/funnel/funnel.jar")).isRegularFile();
    }

    @Test
    void publishedPortsAreUniqueAndMatchWhatTheServicesListenOn() {
        Set<Integer> hostPorts = new HashSet<>();
        for (String s : SERVICES) {
            for (String p : texts(services.path(s).path("ports"))) {
                assertThat(p).as(s + " port, on the loopback only").matches("127\\.0\\.0\\.1:\\d+:\\d+");
                int host = hostPort(p);
                assertThat(hostPorts.add(host)).as("host port " + host + " published twice").isTrue();
            }
        }
        assertThat(hostPorts).contains(8080, 8082, 8081, 8083, 19092, 29092, 39092);
        for (int n = 1; n <= 3; n++) {
            JsonNode env = services.path("kafka-" + n).path("environment");
            String port = n + "9092";
            assertThat(texts(services.path("kafka-" + n).path("ports"))).containsExactly("127.0.0.1:" + port + ":" + port);
            assertThat(env.path("KAFKA_NODE_ID").asText()).isEqualTo(String.valueOf(n));
            assertThat(env.path("KAFKA_ADVERTISED_LISTENERS").asText())
                    .isEqualTo("INTERNAL://kafka-" + n + ":9092,EXTERNAL://127.0.0.1:" + port);
            assertThat(env.path("KAFKA_LISTENERS").asText()).contains("EXTERNAL://:" + port);
            assertThat(env.path("KAFKA_CONTROLLER_QUORUM_VOTERS").asText())
                    .isEqualTo("1@kafka-1:9093,2@kafka-2:9093,3@kafka-3:9093");
        }
        assertThat(texts(services.path("app-1").path("ports"))).containsExactly("127.0.0.1:8080:8080");
        assertThat(texts(services.path("app-2").path("ports"))).containsExactly("127.0.0.1:8082:8080");
    }

    @Test
    void prometheusScrapesTheAppServicesAndGrafanaGetsItsDatasourceAndDashboard() throws Exception {
        Map<String, Path> prometheus = binds("prometheus");
        JsonNode scrape = YAML.readTree(hostPath(prometheus, "/etc/prometheus/prometheus.yml").toFile());
        assertThat(hostPath(prometheus, scrape.path("rule_files").get(0).asText())).isRegularFile();
        for (JsonNode target : scrape.path("scrape_configs").get(0).path("static_configs").get(0).path("targets")) {
            String[] hp = target.asText().split(":");
            assertThat(SERVICES).as("scrape target " + target).contains(hp[0]);
            assertThat(texts(services.path(hp[0]).path("ports"))).as(target.asText()).anyMatch(p -> p.endsWith(":" + hp[1]));
        }
        Map<String, Path> grafana = binds("grafana");
        JsonNode datasources = YAML.readTree(hostPath(grafana,
                "/etc/grafana/provisioning/datasources/prometheus.yml").toFile());
        assertThat(URI.create(datasources.path("datasources").get(0).path("url").asText()).getHost())
                .isEqualTo("prometheus");
        JsonNode provider = YAML.readTree(hostPath(grafana, "/etc/grafana/provisioning/dashboards/funnel.yml").toFile());
        Path dashboards = hostPath(grafana, provider.path("providers").get(0).path("options").path("path").asText());
        assertThat(dashboards.resolve("funnel-streams.json")).isRegularFile();
        assertThat(texts(services.path("grafana").path("ports"))).containsExactly("127.0.0.1:3000:3000");
        assertThat(texts(services.path("prometheus").path("ports"))).containsExactly("127.0.0.1:9090:9090");
    }

    @Test
    void dependenciesNameServicesOfThisFile() {
        for (String s : SERVICES) {
            for (String d : dependencies(s)) {
                assertThat(SERVICES).as(s + " depends_on " + d).contains(d);
            }
        }
    }

    @Test
    void appConfigIncludesTheExampleFunnelAndNamesTheComposeServices() throws Exception {
        String appConfig = "/etc/funnel/docker/app/funnel.yaml";
        Path file = files("app-1").get(appConfig);
        assertThat(services.path("app-2").path("image")).isEqualTo(services.path("app-1").path("image"));
        AppConfig app = AppConfigLoader.load(file, AppConfigLoader.Overrides.NONE);
        assertThat(app.funnel()).isEqualTo(FunnelConfigLoader.load(ROOT.resolve("examples/funnel.yaml")));
        // the include resolves inside the container to the mounted example, as it does on the host
        String include = new ObjectMapper(new YAMLFactory()).readTree(file.toFile()).path("include").asText();
        assertThat(hostPath(files("app-1"), Path.of(appConfig).resolveSibling(include).normalize().toString()))
                .isEqualTo(ROOT.resolve("examples/funnel.yaml").normalize());
        assertKafkaServices(app.bootstrapServers());
        URI registry = URI.create(app.schemaRegistryUrl());
        assertThat(registry.getHost()).isEqualTo("registry");
        assertThat(texts(services.path("registry").path("ports"))).containsExactly("127.0.0.1:8081:" + registry.getPort());
        assertThat(app.replicationFactor()).isEqualTo((short) 3);
        assertThat(app.http().host()).isEqualTo("0.0.0.0");
        assertThat(app.http().port()).isEqualTo(8080);
        assertThat(texts(services.path("app-1").path("command"))).contains("run", appConfig);
    }

    @Test
    void connectorAndWorkerConfigsUseKnownKeysAndMountedPaths() throws Exception {
        Map<String, Path> mounts = files("connect");
        JsonNode connector = new ObjectMapper().readTree(ROOT.resolve("docker/connect/crm-file-source.json").toFile());
        Set<String> known = new HashSet<>(new FileSourceConnector().config().names());
        known.addAll(Set.of("connector.class", "tasks.max", "exactly.once.support", "name"));
        for (Iterator<String> it = connector.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            assertThat(known).as("connector key " + key).contains(key);
        }
        assertThat(connector.path("connector.class").asText()).isEqualTo(FileSourceConnector.class.getName());
        assertThat(hostPath(mounts, connector.path("mapping.file").asText())).isRegularFile();
        assertThat(hostPath(mounts, connector.path("funnel.config").asText())).isRegularFile();
        assertThat(hostPath(mounts, connector.path("input.path").asText())).isDirectory();
        assertThat(hostPath(mounts, connector.path("finished.path").asText())).isDirectory();
        Mapping.load(hostPath(mounts, connector.path("mapping.file").asText()), null);
        FunnelConfigLoader.load(hostPath(mounts, connector.path("funnel.config").asText()));
        assertThat(URI.create(connector.path("schema.registry.url").asText()).getHost()).isEqualTo("registry");

        Properties worker = new Properties();
        try (Reader r = Files.newBufferedReader(hostPath(mounts, "/etc/funnel/connect-distributed.properties"))) {
            worker.load(r);
        }
        assertKafkaServices(worker.getProperty("bootstrap.servers"));
        assertThat(mounts.keySet()).anyMatch(k -> k.startsWith(worker.getProperty("plugin.path") + "/"));
        assertThat(texts(services.path("connect").path("command")))
                .containsExactly("/etc/funnel/connect-distributed.properties");
        assertThat(texts(services.path("connect").path("ports"))).containsExactly(
                "127.0.0.1:8083:" + URI.create(worker.getProperty("listeners")).getPort());
        assertThat(files("connect-init").get("/etc/funnel/crm-file-source.json"))
                .isEqualTo(ROOT.resolve("docker/connect/crm-file-source.json"));
        assertThat(String.join(" ", texts(services.path("connect-init").path("command"))))
                .contains("@/etc/funnel/crm-file-source.json", "http://connect:8083/connectors/crm-file-source/config");
    }

    /** The host file behind a container path, through the service's bind mounts (file or folder mounts). */
    private static Path hostPath(Map<String, Path> mounts, String containerPath) {
        for (Map.Entry<String, Path> m : mounts.entrySet()) {
            if (containerPath.equals(m.getKey())) {
                return m.getValue();
            }
            if (containerPath.startsWith(m.getKey() + "/")) {
                return m.getValue().resolve(containerPath.substring(m.getKey().length() + 1));
            }
        }
        throw new AssertionError(containerPath + " is not under any bind mount of the service: " + mounts.keySet());
    }

    private static void assertKafkaServices(String bootstrap) {
        for (String hostPort : bootstrap.split(",")) {
            String[] hp = hostPort.trim().split(":");
            assertThat(SERVICES).as("bootstrap host " + hp[0]).contains(hp[0]);
            assertThat(hp[0]).startsWith("kafka-");
            assertThat(hp[1]).isEqualTo("9092");
        }
    }
}
