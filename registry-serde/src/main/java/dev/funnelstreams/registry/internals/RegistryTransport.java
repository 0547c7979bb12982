package dev.funnelstreams.registry.internals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnelstreams.registry.IncompatibleSchemaException;
import dev.funnelstreams.registry.RegistryAuthorizationException;
import dev.funnelstreams.registry.RegistryUnavailableException;
import dev.funnelstreams.registry.SchemaNotFoundException;
import dev.funnelstreams.registry.SchemaRegistryException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.apache.kafka.common.errors.InterruptException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends Schema Registry REST calls: tries each base URL in turn, retries transient failures with
 * exponential backoff, and turns error answers into the {@link SchemaRegistryException} family.
 */
public final class RegistryTransport {

    public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    // Confluent's client sends this Accept header; Karapace, Redpanda and Apicurio ccompat accept it.
    private static final String ACCEPT = "application/vnd.schemaregistry.v1+json,"
            + " application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5";
    private static final String USER_AGENT = "funnel-streams-registry-serde";
    private static final int MAX_BODY_IN_MESSAGE = 300;

    private static final Logger log = LoggerFactory.getLogger(RegistryTransport.class);
    static final ObjectMapper JSON = new ObjectMapper();

    private final List<Endpoint> endpoints;
    private final HttpClient http;
    private final Duration readTimeout;
    private final int maxRetries;
    private final long initialBackoffMs;
    private final long maxBackoffMs;
    private final String allUrls;
    // Index of the endpoint that answered last; requests start there.
    private volatile int preferred;

    public RegistryTransport(List<Endpoint> endpoints, Duration connectTimeout, Duration readTimeout,
                             int maxRetries, Duration initialBackoff, Duration maxBackoff) {
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("at least one registry URL is needed");
        }
        this.endpoints = List.copyOf(endpoints);
        // HTTP/1.1: the JDK's default h2c upgrade on plain http trips up some proxies and
        // registries, and registry traffic is too light to gain anything from HTTP/2.
        // TLS uses the JDK default SSLContext, i.e. the javax.net.ssl.* system properties.
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .build();
        this.readTimeout = readTimeout;
        this.maxRetries = maxRetries;
        this.initialBackoffMs = initialBackoff.toMillis();
        this.maxBackoffMs = maxBackoff.toMillis();
        this.allUrls = this.endpoints.stream().map(Endpoint::baseUrl).collect(Collectors.joining(","));
    }

    /** GET {@code path}; {@code what} names the object asked for in error messages ("schema id 7"). */
    public JsonNode get(String path, String what) {
        return send("GET", path, null, what);
    }

    /** POST {@code jsonBody} to {@code path}; {@code what} names the object in error messages. */
    public JsonNode post(String path, String jsonBody, String what) {
        return send("POST", path, jsonBody, what);
    }

    /** The configured base URLs, comma-separated, without credentials. */
    public String urls() {
        return allUrls;
    }

    private JsonNode send(String method, String path, String body, String what) {
        String lastFailure = "no attempt made";
        int lastStatus = SchemaRegistryException.NO_STATUS;
        Throwable lastCause = null;
        int attempts = maxRetries + 1;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            int start = preferred;
            for (int i = 0; i < endpoints.size(); i++) {
                int index = (start + i) % endpoints.size();
                Endpoint endpoint = endpoints.get(index);
                HttpResponse<String> response;
                try {
                    response = http.send(request(endpoint, method, path, body), HttpResponse.BodyHandlers.ofString());
                } catch (IOException e) {
                    // Connection refused, reset, TLS failure or timeout: try the next URL.
                    lastFailure = endpoint.baseUrl() + ": " + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : " " + e.getMessage());
                    lastStatus = SchemaRegistryException.NO_STATUS;
                    lastCause = e;
                    log.warn("Schema registry call {} {} failed (attempt {}/{}): {}",
                            method, endpoint.baseUrl() + path, attempt, attempts, lastFailure);
                    continue;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptException("interrupted while requesting " + what + " from " + allUrls, e);
                }
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    preferred = index;
                    return parse(response.body(), endpoint, what);
                }
                if (!isTransient(status)) {
                    throw error(status, response.body(), endpoint.baseUrl(), what);
                }
                lastFailure = endpoint.baseUrl() + ": HTTP " + status + describeBody(response.body());
                lastStatus = status;
                lastCause = null;
                log.warn("Schema registry call {} {} failed (attempt {}/{}): {}",
                        method, endpoint.baseUrl() + path, attempt, attempts, lastFailure);
            }
            if (attempt < attempts) {
                sleep(backoffMs(attempt), what);
            }
        }
        throw new RegistryUnavailableException("schema registry unavailable at " + allUrls + " while requesting "
                + what + ": " + attempts + " attempt(s) failed, last: " + lastFailure,
                lastStatus, SchemaRegistryException.NO_STATUS, allUrls, lastCause);
    }

    private HttpRequest request(Endpoint endpoint, String method, String path, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(endpoint.baseUrl() + path))
                .timeout(readTimeout)
                .header("Accept", ACCEPT)
                .header("User-Agent", USER_AGENT);
        endpoint.authorization().ifPresent(a -> b.header("Authorization", a));
        if (body == null) {
            b.GET();
        } else {
            b.header("Content-Type", CONTENT_TYPE).POST(HttpRequest.BodyPublishers.ofString(body));
        }
        return b.build();
    }

    /** 5xx, 408 (request timeout) and 429 (rate limited) may pass on retry; other 4xx will not. */
    static boolean isTransient(int status) {
        return status >= 500 || status == 408 || status == 429;
    }

    long backoffMs(int attempt) {
        long exp = initialBackoffMs << Math.min(attempt - 1, 30);
        long capped = Math.min(exp < 0 ? Long.MAX_VALUE : exp, maxBackoffMs);
        // +-20% jitter so that many clients do not retry in lockstep after an outage.
        long jitter = capped / 5;
        return jitter == 0 ? capped : capped - jitter + ThreadLocalRandom.current().nextLong(2 * jitter + 1);
    }

    private void sleep(long millis, String what) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptException("interrupted while waiting to retry " + what + " at " + allUrls, e);
        }
    }

    private static JsonNode parse(String body, Endpoint endpoint, String what) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new SchemaRegistryException("unexpected answer from schema registry " + endpoint.baseUrl()
                    + " for " + what + ": not JSON" + describeBody(body), SchemaRegistryException.NO_STATUS,
                    SchemaRegistryException.NO_STATUS, endpoint.baseUrl(), e);
        }
    }

    /** Maps a non-transient error answer to the matching exception. */
    static SchemaRegistryException error(int status, String body, String url, String what) {
        int errorCode = SchemaRegistryException.NO_STATUS;
        String message = null;
        try {
            JsonNode json = JSON.readTree(body);
            if (json != null && json.isObject()) {
                errorCode = json.path("error_code").asInt(SchemaRegistryException.NO_STATUS);
                message = json.path("message").isTextual() ? json.path("message").asText() : null;
            }
        } catch (IOException e) {
            // Not a registry error document (e.g. a proxy's HTML page); the raw body is reported below.
        }
        String detail = " (HTTP " + status
                + (errorCode == SchemaRegistryException.NO_STATUS ? "" : ", error_code " + errorCode)
                + (message != null ? ": " + message : describeBody(body)) + ")";
        return switch (status) {
            case 401 -> new RegistryAuthorizationException("schema registry " + url + " rejected the credentials"
                    + " while requesting " + what + detail + "; check basic.auth.user.info or bearer.auth.token",
                    status, errorCode, url);
            case 403 -> new RegistryAuthorizationException("schema registry " + url + " denied access to " + what
                    + detail, status, errorCode, url);
            case 404 -> new SchemaNotFoundException(what + " not found at " + url + detail, status, errorCode, url);
            case 409 -> new IncompatibleSchemaException(what + " rejected as incompatible by " + url + detail,
                    status, errorCode, url);
            case 422 -> new SchemaRegistryException(what + " rejected as invalid by " + url + detail,
                    status, errorCode, url);
            default -> new SchemaRegistryException("request for " + what + " failed at " + url + detail,
                    status, errorCode, url);
        };
    }

    private static String describeBody(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String trimmed = body.strip();
        return ": " + (trimmed.length() > MAX_BODY_IN_MESSAGE ? trimmed.substring(0, MAX_BODY_IN_MESSAGE) + "..." : trimmed);
    }
}
