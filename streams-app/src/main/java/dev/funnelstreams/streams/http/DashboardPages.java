package dev.funnelstreams.streams.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The dashboard: {@code /} is the page, {@code /assets/NAME} its script and style (from the class path folder
 * {@code dashboard/}) and ECharts from its webjar. Static files only; every number comes from {@code /api/*}.
 * Anything else under {@code /} is a 404 naming the API documentation.
 */
final class DashboardPages implements HttpHandler {

    static final String ECHARTS = "META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";
    private static final Pattern ASSET = Pattern.compile("/assets/[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png");

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                send(exchange, 405, "text/plain; charset=utf-8", "GET only\n".getBytes(StandardCharsets.UTF_8), false);
                return;
            }
            String path = exchange.getRequestURI().getPath();
            String resource = resource(path);
            byte[] body = resource == null ? null : read(resource);
            if (body == null) {
                send(exchange, 404, "application/json; charset=utf-8", ("{\"status\":404,\"error\":\"no such endpoint: "
                        + path.replace("\\", "").replace("\"", "") + " (see docs/api.md)\"}").getBytes(StandardCharsets.UTF_8),
                        method.equals("HEAD"));
                return;
            }
            String ext = resource.substring(resource.lastIndexOf('.') + 1);
            exchange.getResponseHeaders().set("Cache-Control", resource.equals(ECHARTS) ? "max-age=86400" : "no-cache");
            send(exchange, 200, TYPES.getOrDefault(ext, "application/octet-stream"), body, method.equals("HEAD"));
        }
    }

    /** The class path resource for a request path, or null; names are checked, so no path leaves the folder. */
    static String resource(String path) {
        if (path.equals("/") || path.equals("/index.html")) {
            return "dashboard/index.html";
        }
        if (path.equals("/assets/echarts.min.js")) {
            return ECHARTS;
        }
        if (ASSET.matcher(path).matches()) {
            return "dashboard/" + path.substring("/assets/".length());
        }
        return null;
    }

    private static byte[] read(String resource) throws IOException {
        try (InputStream in = DashboardPages.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? null : in.readAllBytes();
        }
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body, boolean head)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
