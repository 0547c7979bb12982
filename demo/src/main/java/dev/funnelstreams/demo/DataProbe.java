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
 * month (or, for history that ends earlier, in the latest month holding data). The demo prints the moment this
 * turns non-zero, the "time to data" of the README.
 */
final class DataProbe {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI base;
    private final boolean earlierPeriods;

    /**
     * @param earlierPeriods also accept the latest period holding data when the current one has none
     *                       (replayed history that may end months ago); generated history reaches the
     *                       current month last, so without a file only the current month counts
     */
    DataProbe(URI base, boolean earlierPeriods) {
        this.base = base;
        this.earlierPeriods = earlierPeriods;
    }

    /** Leads that reached the first stage in {@code period}; {@code current}: it is the running period. */
    record Found(String period, boolean current, long reached) {
    }

    /**
     * The leads that reached the first stage in the current period of the month kind (else the finest
     * configured kind); when that is empty and earlier periods count, in the latest period holding
     * data so far. Null while there is nothing.
     */
    Found firstStageReached() throws IOException, InterruptedException {
        JsonNode periods = get("api/periods");
        JsonNode current = periods.path("current");
        String kind = current.has("MONTH") ? "MONTH" : current.fieldNames().hasNext() ? current.fieldNames().next() : null;
        if (kind == null) {
            return null;
        }
        String firstStage = get("api/config").path("stages").path(0).path("id").asText();
        String now = current.get(kind).asText();
        long reached = reached(now, firstStage);
        if (reached > 0) {
            return new Found(now, true, reached);
        }
        if (!earlierPeriods) {
            return null;
        }
        JsonNode holding = periods.path("periods").path(kind);
        if (holding.size() > 0) {
            String latest = holding.get(holding.size() - 1).asText();
            long n = latest.equals(now) ? 0 : reached(latest, firstStage);
            if (n > 0) {
                return new Found(latest, false, n);
            }
        }
        return null;
    }

    private long reached(String period, String stage) throws IOException, InterruptedException {
        JsonNode funnel = get("api/funnel?period=" + period + "&dimension=all");
        for (JsonNode r : funnel.path("stageFlow")) {
            if (r.path("key").path("stage").asText().equals(stage)) {
                return r.path("value").path("reached").asLong();
            }
        }
        return 0;
    }

    /** Polls until the first stage has data or the timeout passes; null on timeout. */
    Found await(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                Found found = firstStageReached();
                if (found != null) {
                    return found;
                }
            } catch (IOException e) {
                // not answering yet (the app is starting, or its stores are restoring): ask again
            }
            Thread.sleep(500);
        }
        return null;
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
