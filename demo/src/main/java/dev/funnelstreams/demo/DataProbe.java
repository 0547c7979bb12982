package dev.funnelstreams.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Asks the app's own API what the dashboard would show: the leads that reached the first stage in the current
 * month. The demo prints the moment this turns non-zero, the "time to data" of the README.
 */
final class DataProbe {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI base;

    DataProbe(URI base) {
        this.base = base;
    }

    /** Leads that reached the first stage in the current period of the finest configured kind; 0 when none yet. */
    long firstStageReachedNow() throws IOException, InterruptedException {
        JsonNode periods = get("api/periods");
        JsonNode current = periods.path("current");
        String period = current.has("MONTH") ? current.get("MONTH").asText()
                : current.fields().hasNext() ? current.fields().next().getValue().asText() : null;
        if (period == null) {
            return 0;
        }
        String firstStage = get("api/config").path("stages").path(0).path("id").asText();
        JsonNode funnel = get("api/funnel?period=" + period + "&dimension=all");
        for (JsonNode r : funnel.path("stageFlow")) {
            if (r.path("key").path("stage").asText().equals(firstStage)) {
                return r.path("value").path("reached").asLong();
            }
        }
        return 0;
    }

    /** Polls until the first stage has data or the timeout passes; returns the count (0 on timeout). */
    long await(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                long n = firstStageReachedNow();
                if (n > 0) {
                    return n;
                }
            } catch (IOException e) {
                // not answering yet (the app is starting, or its stores are restoring): ask again
            }
            Thread.sleep(500);
        }
        return 0;
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("GET " + path + ": HTTP " + r.statusCode());
        }
        return JSON.readTree(r.body());
    }
}
