package dev.funnelstreams.streams.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.funnelstreams.core.metrics.view.RecordJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code ?format=csv} on an endpoint: the endpoint answers its JSON as always, and one table of it
 * (its {@code records}, or the one named by {@code table} where an answer holds several) becomes a
 * CSV download ({@link CsvTable}). {@code format=json} (the default) leaves the answer alone; errors
 * stay JSON. The download's name is the endpoint's name and its parameters, e.g.
 * {@code funnel-2026-W09-all-stageFlow.csv}.
 */
final class CsvExport {

    static final String CSV = "text/csv; charset=utf-8";

    private CsvExport() {
    }

    /** CSV of the {@code records} array. */
    static Route records(String name, Route route) {
        return of(name, route, body -> rows(body.get("records")));
    }

    /** CSV of one of several arrays, chosen by the {@code table} parameter (required with format=csv). */
    static Route tables(String name, Route route, List<String> tables) {
        return r -> {
            if (isCsv(r)) {
                String table = r.required("table", tables.get(0));
                if (!tables.contains(table)) {
                    throw HttpError.badRequest("table: \"" + table + "\" (allowed: " + String.join(", ", tables) + ")");
                }
            }
            return of(name, route, body -> rows(body.get(r.param("table").orElse(tables.get(0))))).handle(r);
        };
    }

    /** CSV of the rows that {@code table} makes of the JSON body. */
    static Route of(String name, Route route, Function<JsonNode, List<JsonNode>> table) {
        return r -> {
            boolean csv = isCsv(r);
            Reply reply = route.handle(r);
            if (!csv || reply.status() != 200) {
                return reply;
            }
            Reply out = reply;
            if (reply.contentType().startsWith("application/json")) {
                out = new Reply(200, CsvTable.of(table.apply(parse(reply.body()))), CSV, reply.headers());
            }
            // a forwarded lead answer is CSV already (its owner converted it): name the download here too
            return out.withHeader("Content-Disposition", "attachment; filename=\"" + fileName(name, r) + "\"");
        };
    }

    private static boolean isCsv(Request r) {
        String format = r.param("format").orElse("json");
        if (!format.equals("json") && !format.equals("csv")) {
            throw HttpError.badRequest("format: \"" + format + "\" (allowed: json, csv)");
        }
        return format.equals("csv");
    }

    static List<JsonNode> rows(JsonNode array) {
        List<JsonNode> rows = new ArrayList<>();
        if (array != null) {
            array.forEach(rows::add);
        }
        return rows;
    }

    /** The endpoint's name and the request's parameter values (not format), in a file name's safe characters. */
    static String fileName(String name, Request r) {
        StringBuilder b = new StringBuilder(name);
        for (Map.Entry<String, String> p : r.params().entrySet()) {
            if (!p.getKey().equals("format") && !p.getKey().equals("token") && !p.getValue().isEmpty()) {
                b.append('-').append(p.getValue());
            }
        }
        String safe = b.toString().replaceAll("[^A-Za-z0-9._-]", "_");
        return (safe.length() > 120 ? safe.substring(0, 120) : safe) + ".csv";
    }

    private static JsonNode parse(byte[] json) {
        try {
            return RecordJson.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
