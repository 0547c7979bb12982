package dev.funnelstreams.alertsink.channel;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * POSTs a JSON body and sorts the answer: 2xx is returned; 429, 408 and 5xx are retriable (with
 * the Retry-After delay when given); any other status is permanent. Reasons name the channel, never
 * the URL (it holds the robot's token).
 */
public final class HttpPost {

    /** A 2xx answer. */
    public record Reply(int status, String body) {
    }

    private final HttpClient client;
    private final Duration timeout;
    private final Clock clock;

    public HttpPost(Duration timeout, Clock clock) {
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        this.timeout = timeout;
        this.clock = clock;
    }

    Clock clock() {
        return clock;
    }

    Reply post(String channel, URI uri, String json, Map<String, String> headers) throws DeliveryException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        headers.forEach(b::header);
        HttpResponse<String> r;
        try {
            r = client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw DeliveryException.retriable(channel + ": " + e.getClass().getSimpleName() + " while posting", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DeliveryException.retriable(channel + ": interrupted while posting", e);
        }
        int s = r.statusCode();
        if (s >= 200 && s < 300) {
            return new Reply(s, r.body());
        }
        String what = channel + ": HTTP " + s + " " + abbreviate(r.body());
        if (s == 429 || s == 408 || s >= 500) {
            throw DeliveryException.retriable(what, RetryAfter.parse(r.headers().firstValue("Retry-After").orElse(null),
                    clock.instant()));
        }
        throw DeliveryException.permanent(what);
    }

    static String abbreviate(String body) {
        String b = body == null ? "" : body.strip().replaceAll("\\s+", " ");
        return b.length() <= 200 ? b : b.substring(0, 200) + "…";
    }
}
