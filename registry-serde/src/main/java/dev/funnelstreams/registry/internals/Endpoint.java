package dev.funnelstreams.registry.internals;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * One registry base URL with the Authorization header to send to it. The base URL never holds
 * credentials, so it is safe to put into log lines and exception messages.
 */
public record Endpoint(String baseUrl, Optional<String> authorization) {

    /**
     * Builds an endpoint from a configured URL. User info in the URL becomes basic auth when
     * {@code credentialsFromUrl}; otherwise {@code authorization} (may be empty) applies.
     */
    public static Endpoint of(String url, boolean credentialsFromUrl, Optional<String> authorization) {
        URI uri = URI.create(url.trim());
        String userInfo = uri.getRawUserInfo();
        Optional<String> auth = authorization;
        if (credentialsFromUrl && userInfo != null) {
            auth = Optional.of(basic(URLDecoder.decode(userInfo, StandardCharsets.UTF_8)));
        }
        String base = redact(uri.toString());
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return new Endpoint(base, auth);
    }

    /** The value of an HTTP basic-auth header for {@code userInfo} ("user:password"). */
    public static String basic(String userInfo) {
        return "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code url} without any user:password@ part. */
    public static String redact(String url) {
        return url.replaceFirst("//[^/@]*@", "//");
    }

    @Override
    public String toString() {
        return baseUrl;
    }
}
