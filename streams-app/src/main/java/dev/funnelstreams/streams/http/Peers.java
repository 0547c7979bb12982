package dev.funnelstreams.streams.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Calls the other instances of the app (their {@code application.server}). A forwarded request
 * carries {@link #FORWARDED}; an instance answers such a request itself and never forwards it
 * again, so two instances that disagree during a rebalance cannot bounce a request forever.
 */
final class Peers {

    /** Set on requests one instance sends to another. */
    static final String FORWARDED = "X-Funnel-Forwarded";
    /** Names the instance ({@code host:port}) whose stores answered. */
    static final String SERVED_BY = "X-Funnel-Served-By";

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    /** GET {@code pathAndQuery} on {@code host}, with the caller's Authorization header (the instances share one token). */
    CompletableFuture<HttpResponse<byte[]>> get(HostInfo host, String pathAndQuery, Optional<String> authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://" + address(host) + pathAndQuery))
                .timeout(TIMEOUT)
                .header(FORWARDED, "1")
                .GET();
        authorization.ifPresent(a -> b.header("Authorization", a));
        return client.sendAsync(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static String address(HostInfo host) {
        String h = host.host();
        return (h.contains(":") ? "[" + h + "]" : h) + ":" + host.port();
    }
}
