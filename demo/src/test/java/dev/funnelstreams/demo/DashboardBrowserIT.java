package dev.funnelstreams.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in headless Chromium against a running demo (generated history, no live trickle, so the
 * numbers hold still): every stage with its Chinese name and a non-zero count, stalled leads listed, and
 * the page's numbers equal to the API's; loss shares, drop alerts, the lead list and a lead's stays (the row's
 * link) as the API has them, and a CSV link's download, in Chinese and in English. Screenshots go to
 * target/dashboard.png and target/dashboard-{zh,en}.png (copied to docs/ for the README).
 */
class DashboardBrowserIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern STAGE_ROW = Pattern.compile(
            "<tr class=\"stage-row\" data-stage=\"([^\"]+)\" data-reached=\"(\\d+)\" data-active=\"(\\d+)\" data-stalled=\"(\\d+)\">");
    private static final Pattern STALLED_ROW = Pattern.compile("<tr class=\"stalled-row\" data-lead=\"([^\"]+)\" data-types=\"([A-Z_,]+)\">");

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void pageShowsEveryStageWithItsChineseNameAndTheApisNumbers() throws Exception {
        Optional<Chromium> found = Chromium.find(Files.createDirectories(dir.resolve("chromium-profile")));
        if (found.isEmpty() && System.getenv("CI") != null) {
            throw new IllegalStateException("chromium not found under CI: .ci/install-test-deps installs it");
        }
        assumeTrue(found.isPresent(), "no chromium on PATH (Debian: apt-get install chromium fonts-noto-cjk)");
        Chromium chromium = found.get();

        DemoOptions options = new DemoOptions(dir.resolve("demo-data"), false, null, 1200, 120, 11, 0, 0, null);
        try (Demo demo = Demo.start(options, System.out)) {
            URI base = URI.create(demo.dashboardUrl());
            awaitReady(base);
            JsonNode config = get(base, "api/config");
            String quarter = get(base, "api/periods").path("current").path("QUARTER").asText();
            String funnelQuery = "api/funnel?period=" + quarter + "&dimension=all";
            Map<String, Long> reached = awaitStable(base, funnelQuery, config);

            String page = base + "?kind=QUARTER&period=" + quarter;
            String dom = chromium.dumpDom(page, 20_000);
            chromium.screenshot(page, 20_000, Path.of("target", "dashboard.png"));
            Files.writeString(Path.of("target", "dashboard-dom.html"), dom);

            assertThat(dom).contains("data-loaded=\"true\"").contains("data-period=\"" + quarter + "\"");
            Map<String, Long> shown = new LinkedHashMap<>();
            Map<String, Long> shownActive = new LinkedHashMap<>();
            Matcher m = STAGE_ROW.matcher(dom);
            while (m.find()) {
                shown.put(m.group(1), Long.parseLong(m.group(2)));
                shownActive.put(m.group(1), Long.parseLong(m.group(3)));
            }
            for (JsonNode stage : config.path("stages")) {
                String id = stage.path("id").asText();
                String name = stage.path("name").asText();
                assertThat(dom).as("stage name %s", name).contains(name);
                assertThat(shown.get(id)).as("reached count shown for %s", id).isNotNull().isPositive();
            }
            assertThat(shown).as("page vs GET /" + funnelQuery).isEqualTo(reached);
            assertThat(shownActive).as("page vs GET /api/snapshot").isEqualTo(activeNow(base, config));

            // stalled leads come from the open alerts: once the API has a STALL, the page must list it
            Set<String> open = new HashSet<>(awaitAlerts(base));
            dom = chromium.dumpDom(page, 20_000);
            chromium.screenshot(page, 20_000, Path.of("target", "dashboard.png"));
            open.addAll(openAlerts(base)); // a deadline may pass while the page loads
            Set<String> stalledOnPage = new HashSet<>();
            Matcher s = STALLED_ROW.matcher(dom);
            while (s.find()) {
                for (String type : s.group(2).split(",")) {
                    stalledOnPage.add(s.group(1) + "|" + type);
                }
            }
            assertThat(stalledOnPage).as("stalled / overdue leads listed").isNotEmpty();
            assertThat(open).as("every listed lead has an open alert in GET /api/alerts").containsAll(stalledOnPage);
            assertThat(stalledOnPage).anyMatch(k -> k.endsWith("|STALL"));

            // the other tables, in both languages: labels switch, numbers and stage names stay
            JsonNode funnel = get(base, funnelQuery);
            List<String> stageNames = new ArrayList<>();
            config.path("stages").forEach(st -> stageNames.add(st.path("name").asText()));
            for (String lang : List.of("zh", "en")) {
                String url = page + "&lang=" + lang;
                String langDom = chromium.dumpDom(url, 20_000);
                assertThat(langDom).contains("data-loaded=\"true\"").contains("data-lang=\"" + lang + "\"")
                        .contains(lang.equals("zh") ? "流失原因占比" : "Loss reasons by stage")
                        .contains(lang.equals("zh") ? ">English</button>" : ">中文</button>");
                stageNames.forEach(name -> assertThat(langDom).as(lang + ": stage name " + name).contains(name));
                DashboardChecks.lossSharesEqualTheApis(langDom, funnel);
                DashboardChecks.dropAlertsEqualTheApis(langDom, get(base, "api/alerts"),
                        lang.equals("zh") ? "无转化率骤降" : "no conversion drops");
                List<String> leads = DashboardChecks.leadListIsTheApisFirstPage(langDom,
                        get(base, "api/leads?active=true&limit=15"));
                // a lead that moved (several stays) shows the history best
                String lead = leads.get(0);
                for (String id : leads) {
                    if (get(base, "api/leads/" + id).path("stageHistory").size() > 1) {
                        lead = id;
                        break;
                    }
                }
                String clicked = url + "#lead=" + lead;
                DashboardChecks.leadHistoryIsTheApis(chromium.dumpDom(clicked, 20_000), lead,
                        get(base, "api/leads/" + lead));
                DashboardChecks.csvLinkDownloadsExcelReadyUtf8(langDom, base, stageNames);
                chromium.screenshot(clicked, 20_000, Path.of("target", "dashboard-" + lang + ".png"), 2400);
            }
        }
    }

    /** Reached per stage once two reads 3 s apart agree and every stage has some: the history is processed. */
    private Map<String, Long> awaitStable(URI base, String query, JsonNode config) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(6).toNanos();
        Map<String, Long> last = null;
        while (System.nanoTime() < deadline) {
            Map<String, Long> now = new LinkedHashMap<>();
            try {
                for (JsonNode r : get(base, query).path("stageFlow")) {
                    now.put(r.path("key").path("stage").asText(), r.path("value").path("reached").asLong());
                }
            } catch (IllegalStateException e) {
                now = null; // stores not queryable yet
            }
            if (now != null && now.size() == config.path("stages").size() && now.equals(last)) {
                return now;
            }
            last = now;
            Thread.sleep(3000);
        }
        throw new AssertionError("the API's funnel did not settle with every stage within 6 minutes: " + last);
    }

    /** Until /health/ready says the streams are RUNNING (and /api/periods answers): the stores are queryable. */
    private void awaitReady(URI base) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                try {
                    get(base, "api/periods");
                    return;
                } catch (IllegalStateException e) {
                    // 503 while a rebalance settles: ask again
                }
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("the app did not become ready within 3 minutes");
    }

    /** Open alerts once they hold a STALL and two reads 3 s apart agree (the timers have caught up). */
    private Set<String> awaitAlerts(URI base) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        Set<String> last = null;
        while (System.nanoTime() < deadline) {
            Set<String> now = openAlerts(base);
            if (now.equals(last) && now.stream().anyMatch(k -> k.endsWith("|STALL"))) {
                return now;
            }
            last = now;
            Thread.sleep(3000);
        }
        throw new AssertionError("the open alerts in GET /api/alerts did not settle with a STALL within 3 minutes: " + last);
    }

    private Set<String> openAlerts(URI base) throws Exception {
        Set<String> open = new HashSet<>();
        for (JsonNode a : get(base, "api/alerts").path("records")) {
            open.add(a.path("value").path("leadId").asText() + "|" + a.path("value").path("type").asText());
        }
        return open;
    }

    private Map<String, Long> activeNow(URI base, JsonNode config) throws Exception {
        Map<String, Long> active = new LinkedHashMap<>();
        for (JsonNode stage : config.path("stages")) {
            active.put(stage.path("id").asText(), 0L);
        }
        for (JsonNode r : get(base, "api/snapshot?dimension=all").path("records")) {
            active.put(r.path("key").path("stage").asText(), r.path("value").path("active").asLong());
        }
        return active;
    }

    private JsonNode get(URI base, String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET /" + path + ": HTTP " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }
}
