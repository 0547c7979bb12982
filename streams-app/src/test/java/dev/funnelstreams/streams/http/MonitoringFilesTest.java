package dev.funnelstreams.streams.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard and the Prometheus files parse, and every panel and rule queries an app
 * metric. HttpApiIT checks the names against a running app's /metrics ({@link #missingFrom}).
 */
class MonitoringFilesTest {

    @Test
    void everyPanelHasATitleAndQueriesAnAppMetricOfThePrometheusDatasource() {
        List<JsonNode> panels = MonitoringFiles.panels();
        assertThat(panels).hasSizeGreaterThanOrEqualTo(6);
        Set<String> ids = new HashSet<>();
        for (JsonNode p : panels) {
            String title = p.path("title").asText();
            assertThat(title).isNotBlank();
            assertThat(ids.add(p.path("id").asText())).as("panel id of " + title + " unique").isTrue();
            if (!p.path("type").asText().equals("row")) {
                assertThat(p.path("targets")).as(title).isNotEmpty();
                assertThat(p.path("datasource").path("uid").asText()).as(title).isEqualTo("prometheus");
            }
        }
        for (String[] e : MonitoringFiles.expressions()) {
            assertThat(MonitoringFiles.metricNames(e[1])).as(e[0] + ": " + e[1]).isNotEmpty();
        }
        assertThat(MonitoringFiles.dashboard().path("uid").asText()).isEqualTo("funnel-streams");
    }

    @Test
    void alertRulesCoverDlqRateConsumerLagAndAppNotRunningWithSeverityAndSummary() {
        List<String> alerts = new ArrayList<>();
        for (JsonNode r : MonitoringFiles.alertRules()) {
            alerts.add(r.path("alert").asText());
            assertThat(r.path("expr").asText()).as(r.path("alert").asText()).isNotBlank();
            assertThat(r.path("for").asText()).as(r.path("alert").asText()).matches("\\d+[smh]");
            assertThat(r.path("labels").path("severity").asText()).isIn("warning", "critical");
            assertThat(r.path("annotations").path("summary").asText()).isNotBlank();
        }
        assertThat(alerts).contains("FunnelDlqRate", "FunnelConsumerLag", "FunnelAppNotRunning");
    }

    @Test
    void prometheusScrapesBothAppInstancesAndLoadsTheRules() {
        JsonNode prometheus = MonitoringFiles.prometheus();
        assertThat(prometheus.path("rule_files").get(0).asText()).endsWith("rules.yml");
        JsonNode job = prometheus.path("scrape_configs").get(0);
        assertThat(job.path("metrics_path").asText()).isEqualTo("/metrics");
        List<String> targets = new ArrayList<>();
        job.path("static_configs").forEach(c -> c.path("targets").forEach(t -> targets.add(t.asText())));
        assertThat(targets).containsExactly("app-1:8080", "app-2:8080");
    }

    @Test
    void missingFromAQueryAreTheAppsNotFunctionsOrLabels() {
        assertThat(MonitoringFiles.metricNames(
                "sum by (reason) (rate(funnel_dlq_rejections_total[5m])) / ignoring(x) kafka_stream_thread_process_rate"))
                .containsExactly("funnel_dlq_rejections_total", "kafka_stream_thread_process_rate");
        assertThat(MonitoringFiles.exported("# TYPE a_total counter\na_total{x=\"1\"} 2.0\nb 1\n"))
                .containsExactly("a_total", "b");
    }

    /** For HttpApiIT: the referenced names missing from a running app's /metrics text. */
    static Set<String> missingFrom(String scrape) {
        Set<String> missing = new java.util.TreeSet<>();
        Set<String> exported = MonitoringFiles.exported(scrape);
        for (String[] e : MonitoringFiles.expressions()) {
            MonitoringFiles.metricNames(e[1]).stream().filter(n -> !exported.contains(n)).forEach(missing::add);
        }
        return missing;
    }
}
