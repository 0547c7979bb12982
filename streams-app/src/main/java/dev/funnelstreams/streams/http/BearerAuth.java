package dev.funnelstreams.streams.http;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Requires {@code Authorization: Bearer <token>} when a token is configured; 401 otherwise.
 * The comparison takes the same time whatever the guess, so the token cannot be found byte by byte.
 */
final class BearerAuth extends Filter {

    private final byte[] expected;

    BearerAuth(String token) {
        this.expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        String given = exchange.getRequestHeaders().getFirst("Authorization");
        if (given != null && MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
            chain.doFilter(exchange);
            return;
        }
        Route.send(exchange, Reply.error(401, given == null ? "missing bearer token (Authorization: Bearer ...)"
                : "wrong bearer token").withHeader("WWW-Authenticate", "Bearer realm=\"funnel-streams\""));
    }

    @Override
    public String description() {
        return "bearer token";
    }
}
