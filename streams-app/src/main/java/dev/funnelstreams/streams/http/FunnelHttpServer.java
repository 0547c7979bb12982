package dev.funnelstreams.streams.http;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.streams.AppConfig;
import dev.funnelstreams.streams.StoreNames;
import dev.funnelstreams.streams.Topics;
import dev.funnelstreams.streams.alert.LeadAlerts;
import dev.funnelstreams.streams.alert.LeadAlertsSerde;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of one app instance, on the JDK's built-in server: the query API over interactive
 * queries ({@code /api/...}), Prometheus {@code /metrics}, {@code /health} and
 * {@code /health/ready}, and {@code /internal/scan} for the other instances. It is bound first
 * ({@link #bind}), so that its real port is known for {@code application.server}, and serves once
 * the Kafka Streams instance exists ({@link #start}). {@link #route} adds more pages (the dashboard).
 */
public final class FunnelHttpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FunnelHttpServer.class);

    private final HttpServer server;
    private final ExecutorService executor;
    private final HostInfo advertised;
    private final Filter auth;
    private final Map<String, HttpContext> contexts = new LinkedHashMap<>();
    private FunnelMetrics metrics;

    private FunnelHttpServer(HttpServer server, ExecutorService executor, HostInfo advertised, String token) {
        this.server = server;
        this.executor = executor;
        this.advertised = advertised;
        this.auth = token == null ? null : new BearerAuth(token);
    }

    /** Binds the configured address (port 0: a free port); nothing is served before {@link #start}. */
    public static FunnelHttpServer bind(AppConfig.Http settings) throws IOException {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 64);
        } catch (BindException e) {
            throw new BindException("streams.http: cannot listen on " + settings.host() + ":" + settings.port() + " ("
                    + e.getMessage() + "); choose another streams.http.port or --http-port");
        }
        AtomicInteger n = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "funnel-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        int port = server.getAddress().getPort();
        return new FunnelHttpServer(server, executor, new HostInfo(advertisedHost(settings), port), settings.token());
    }

    /** {@code host:port} for Kafka Streams' {@code application.server}: how the other instances reach this one. */
    public String applicationServer() {
        return Peers.address(advertised);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The base URI, e.g. {@code http://127.0.0.1:8080/}. */
    public URI uri() {
        return URI.create("http://" + Peers.address(advertised) + "/");
    }

    /** Registers the endpoints over {@code streams} and starts serving. */
    public void start(KafkaStreams streams, FunnelConfig funnel, String applicationId, Topics topics) {
        start(streams, funnel, applicationId, topics, AppStatus.NONE);
    }

    /** The same, with what the app knows beyond Kafka Streams ({@code /health/ready}, {@code /metrics}). */
    public void start(KafkaStreams streams, FunnelConfig funnel, String applicationId, Topics topics, AppStatus status) {
        start(streams, funnel, applicationId, topics, Clock.systemUTC(), status);
    }

    void start(KafkaStreams streams, FunnelConfig funnel, String applicationId, Topics topics, Clock clock) {
        start(streams, funnel, applicationId, topics, clock, AppStatus.NONE);
    }

    void start(KafkaStreams streams, FunnelConfig funnel, String applicationId, Topics topics, Clock clock,
            AppStatus status) {
        LocalStores local = new LocalStores(streams);
        Peers peers = new Peers();
        String cellSource = applicationId + "-" + StoreNames.CELL_DELTAS_REPARTITION + "-repartition";
        TypedReader<String, LeadAlerts> leadAlerts = new TypedReader<>(StoreNames.LEAD_ALERTS, Serdes.String(),
                LeadAlertsSerde.serde(), a -> !a.raised().isEmpty());
        TypedReader<String, String> closedWeeks = new TypedReader<>(StoreNames.CLOSED_WEEKS, Serdes.String(),
                Serdes.String(), v -> true);
        StoreScan scan = new StoreScan(streams, local, peers, advertised, Map.of(
                StoreNames.CELL_TOTALS, new StoreScan.Scannable(cellSource, new CellReader()),
                StoreNames.LEAD_ALERTS, new StoreScan.Scannable(topics.leadEvents(), leadAlerts),
                StoreNames.CLOSED_WEEKS, new StoreScan.Scannable(cellSource, closedWeeks),
                StoreNames.LEAD_HISTORIES, new StoreScan.Scannable(topics.leadEvents(), new LeadListReader(funnel))));
        AlertsApi alerts = new AlertsApi(funnel, scan, leadAlerts, closedWeeks);
        LeadLookup leads = new LeadLookup(streams, local, peers, advertised, funnel, topics.leadEvents());
        FunnelApi api = new FunnelApi(funnel, scan, clock);
        LeadListApi leadList = new LeadListApi(funnel, scan);
        HandoverWait handover = new HandoverWait(streams);
        metrics = new FunnelMetrics(streams, status);
        Map<String, Object> config = ConfigView.of(funnel);

        open("/health", Route.exact("/health", r -> Reply.json(Map.of("status", "UP"))));
        open("/health/ready", Route.exact("/health/ready", r -> {
            KafkaStreams.State state = streams.state();
            Optional<String> waiting = status.waitingFor().get();
            boolean ready = state == KafkaStreams.State.RUNNING && waiting.isEmpty();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", ready ? "READY" : "NOT_READY");
            body.put("state", state.name());
            waiting.ifPresent(reason -> body.put("waitingFor", reason));
            return Reply.json(ready ? 200 : 503, body);
        }));
        route("/metrics", Route.exact("/metrics", r -> Reply.text(200, "text/plain; version=0.0.4; charset=utf-8",
                metrics.scrape())), false);
        route("/api/funnel", Route.exact("/api/funnel", handover.around(CsvExport.tables("funnel", api::funnel,
                List.of("stageFlow", "conversions", "lossReasons")))), false);
        route("/api/leads", Route.exact("/api/leads", handover.around(CsvExport.records("leads", leadList::leads))),
                false);
        route("/api/leads/", Route.prefix("/api/leads/", handover.around(CsvExport.of("lead-history", r -> {
            String leadId = r.path().substring("/api/leads/".length());
            if (leadId.isEmpty() || leadId.contains("/")) {
                throw HttpError.notFound("use /api/leads/{leadId}");
            }
            return leads.lead(r, leadId);
        }, body -> CsvExport.rows(body.get("stageHistory"))))), false);
        route("/api/alerts", Route.exact("/api/alerts", handover.around(CsvExport.records("alerts", alerts::alerts))),
                false);
        route("/api/channel-costs", Route.exact("/api/channel-costs", handover.around(
                CsvExport.records("channel-costs", api::channelCosts))), false);
        route("/api/targets", Route.exact("/api/targets", handover.around(CsvExport.records("targets", api::targets))),
                false);
        route("/api/weekly-review", Route.exact("/api/weekly-review", handover.around(
                CsvExport.records("weekly-review", api::weeklyReview))), false);
        route("/api/pipeline", Route.exact("/api/pipeline", handover.around(
                CsvExport.records("pipeline", api::pipeline))), false);
        route("/api/sales-kpis", Route.exact("/api/sales-kpis", handover.around(
                CsvExport.records("sales-kpis", api::salesKpis))), false);
        route("/api/period-review", Route.exact("/api/period-review", handover.around(
                CsvExport.records("period-review", api::periodReview))), false);
        route("/api/snapshot", Route.exact("/api/snapshot", handover.around(CsvExport.records("snapshot",
                api::snapshot))), false);
        route("/api/periods", Route.exact("/api/periods", handover.around(CsvExport.of("periods", api::periods,
                PeriodRows::of))), false);
        route("/api/config", Route.exact("/api/config", r -> Reply.json(config)), false);
        route("/internal/scan", Route.exact("/internal/scan", r -> {
            List<byte[]> prefixes = new ArrayList<>();
            for (String p : r.param("prefix").map(v -> v.split(",")).orElse(new String[0])) {
                try {
                    prefixes.add(Base64.getUrlDecoder().decode(p));
                } catch (IllegalArgumentException e) {
                    throw HttpError.badRequest("prefix: not base64url");
                }
            }
            StoreScan.Query query;
            List<Integer> partitions;
            try {
                partitions = Arrays.stream(r.required("partitions", "0,1").split(",")).map(Integer::valueOf).toList();
                query = new StoreScan.Query(r.required("store", StoreNames.CELL_TOTALS), prefixes,
                        StoreScan.CellFilter.valueOf(r.param("filter").orElse("ANY")),
                        StoreScan.Query.parseSelect(r.param("select").orElse("")));
            } catch (IllegalArgumentException e) {
                throw HttpError.badRequest("malformed scan request: " + e.getMessage());
            }
            return Reply.json(scan.local(query, partitions));
        }), false);
        if (!contexts.containsKey("/")) {
            // the dashboard page and its assets (no token: static files; the page sends it to /api/*);
            // anything else under / is a 404 naming docs/api.md
            route("/", new DashboardPages(), true);
        }
        server.start();
        LOG.info("HTTP API on {} (application.server {}){}", uri(), applicationServer(),
                auth == null ? "" : ", bearer token required");
    }

    /**
     * Serves {@code handler} under {@code path} (longest matching path wins; replaces an earlier
     * route of the same path). {@code open}: no bearer token needed (a static page, say); the API
     * and /metrics always need it when one is configured. May be called before or after {@link #start}.
     */
    public synchronized void route(String path, HttpHandler handler, boolean open) {
        HttpContext old = contexts.remove(path);
        if (old != null) {
            server.removeContext(old);
        }
        HttpContext ctx = server.createContext(path, handler);
        if (!open && auth != null) {
            ctx.getFilters().add(auth);
        }
        contexts.put(path, ctx);
    }

    private void open(String path, HttpHandler handler) {
        route(path, handler, true);
    }

    /** Stops serving (in-flight requests get a second to finish). */
    @Override
    public void close() {
        server.stop(1);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (metrics != null) {
            metrics.close();
        }
    }

    private static String advertisedHost(AppConfig.Http settings) throws UnknownHostException {
        if (settings.advertisedHost() != null) {
            return settings.advertisedHost();
        }
        InetAddress bind = InetAddress.getByName(settings.host());
        // bound to every interface: the machine's name is the one address the others can use
        return bind.isAnyLocalAddress() ? InetAddress.getLocalHost().getCanonicalHostName() : settings.host();
    }
}
