package dev.funnelstreams.streams.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operations files under {@code docker/}: the Grafana dashboard, the Prometheus alert rules and
 * scrape config, parsed, and the app metric names their PromQL expressions use.
 */
final class MonitoringFiles {

    static final Path DOCKER = Path.of("..", "docker");
    static final Path DASHBOARD = DOCKER.resolve("grafana/dashboards/funnel-streams.json");
    static final Path RULES = DOCKER.resolve("prometheus/rules.yml");
    static final Path PROMETHEUS = DOCKER.resolve("prometheus/prometheus.yml");

    /** The app's metric names in PromQL: its own ({@code funnel_}) and the Kafka clients' ({@code kafka_}). */
    private static final Pattern APP_METRIC = Pattern.compile("\\b(?:funnel|kafka)_[a-z0-9_]+");
    /** A sample line of the Prometheus text format: the metric name before its labels or value. */
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private MonitoringFiles() {
    }

    static JsonNode dashboard() {
        return read(JSON, DASHBOARD);
    }

    static JsonNode rules() {
        return read(YAML, RULES);
    }

    static JsonNode prometheus() {
        return read(YAML, PROMETHEUS);
    }

    /** Every panel of the dashboard (rows' nested panels too). */
    static List<JsonNode> panels() {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode p : dashboard().path("panels")) {
            out.add(p);
            p.path("panels").forEach(out::add);
        }
        return out;
    }

    /** Every alerting rule of every group. */
    static List<JsonNode> alertRules() {
        List<JsonNode> out = new ArrayList<>();
        rules().path("groups").forEach(g -> g.path("rules").forEach(out::add));
        return out;
    }

    /** The app metric names in one PromQL expression. */
    static Set<String> metricNames(String promql) {
        Set<String> names = new TreeSet<>();
        Matcher m = APP_METRIC.matcher(promql);
        while (m.find()) {
            names.add(m.group());
        }
        return names;
    }

    /** Every metric name with a sample in a {@code /metrics} text. */
    static Set<String> exported(String scrape) {
        Set<String> names = new TreeSet<>();
        scrape.lines().map(SAMPLE::matcher).filter(Matcher::find).forEach(m -> names.add(m.group(1)));
        return names;
    }

    /** The expression of every panel target and every alert rule, each named for a failure message. */
    static List<String[]> expressions() {
        List<String[]> out = new ArrayList<>();
        for (JsonNode p : panels()) {
            p.path("targets").forEach(t -> out.add(new String[] {"panel \"" + p.path("title").asText() + "\"",
                    t.path("expr").asText()}));
        }
        for (JsonNode r : alertRules()) {
            out.add(new String[] {"rule " + r.path("alert").asText(), r.path("expr").asText()});
        }
        return out;
    }

    private static JsonNode read(ObjectMapper mapper, Path file) {
        try {
            return mapper.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + file, e);
        }
    }
}
