package dev.funnelstreams.streams.http;

import com.sun.net.httpserver.HttpExchange;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The parts of an HTTP request a route reads: path, query parameters, headers. */
final class Request {

    private final HttpExchange exchange;
    private final Map<String, String> params = new LinkedHashMap<>();

    Request(HttpExchange exchange) {
        this.exchange = exchange;
        String query = exchange.getRequestURI().getRawQuery();
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                if (params.putIfAbsent(name, value) != null) {
                    throw HttpError.badRequest(name + ": given twice");
                }
            }
        }
    }

    /** The decoded path, e.g. {@code /api/leads/L-1}. */
    String path() {
        return exchange.getRequestURI().getPath();
    }

    /** The raw path and query, to forward the request unchanged. */
    String pathAndQuery() {
        String q = exchange.getRequestURI().getRawQuery();
        return exchange.getRequestURI().getRawPath() + (q == null ? "" : "?" + q);
    }

    Optional<String> param(String name) {
        String v = params.get(name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    /** Every query parameter in request order (decoded). */
    Map<String, String> params() {
        return java.util.Collections.unmodifiableMap(params);
    }

    String required(String name, String example) {
        return param(name).orElseThrow(() -> HttpError.badRequest(name + ": required (e.g. " + name + "=" + example + ")"));
    }

    Optional<String> header(String name) {
        return Optional.ofNullable(exchange.getRequestHeaders().getFirst(name));
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("malformed query parameter: " + s);
        }
    }
}
