package dev.funnelstreams.streams.http;

import dev.funnelstreams.core.metrics.view.RecordJson;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a route answers: a status, a body and headers. JSON bodies are written with the core's
 * {@link RecordJson} mapper, so records carry the SPEC's field names, instants as UTC ISO-8601
 * and money as decimal strings, exactly as in the batch files.
 */
record Reply(int status, byte[] body, String contentType, Map<String, String> headers) {

    static final String JSON = "application/json; charset=utf-8";

    Reply {
        headers = Map.copyOf(headers);
    }

    static Reply json(Object body) {
        return json(200, body);
    }

    static Reply json(int status, Object body) {
        return new Reply(status, RecordJson.write(body).getBytes(StandardCharsets.UTF_8), JSON, Map.of());
    }

    static Reply error(int status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("error", message);
        return json(status, body);
    }

    static Reply text(int status, String contentType, String body) {
        return new Reply(status, body.getBytes(StandardCharsets.UTF_8), contentType, Map.of());
    }

    Reply withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new Reply(status, body, contentType, h);
    }
}
