package dev.funnelstreams.ingest.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies a signed push: HMAC-SHA256 with a shared secret over the timestamp header and the raw
 * body, and refuses stale timestamps. Two schemes:
 * <ul>
 *   <li>{@code hmac-sha256}: signature = hex(HMAC(secret, timestamp + "." + body)), the timestamp
 *       in epoch seconds; the signature header may carry a {@code sha256=} prefix;</li>
 *   <li>{@code hubspot-v3}: HubSpot's v3 request signature: base64(HMAC(client secret, method + uri
 *       + body + timestamp)), the timestamp in epoch milliseconds, headers
 *       {@code X-HubSpot-Signature-v3} and {@code X-HubSpot-Request-Timestamp}.</li>
 * </ul>
 * Comparison is constant-time.
 */
public final class SignatureCheck {

    /** Why a request fails the check, or null when it passes. */
    public record Request(String method, String uri, byte[] body, String timestamp, String signature) {
    }

    private final String scheme;
    private final byte[] secret;
    private final long toleranceMs;
    private final Clock clock;

    public SignatureCheck(String scheme, String secret, long toleranceMs, Clock clock) {
        this.scheme = scheme;
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.toleranceMs = toleranceMs;
        this.clock = clock;
    }

    /** The reason the request is refused, or null when signature and timestamp are good. */
    public String problem(Request r) {
        if (r.timestamp() == null || r.signature() == null) {
            return "missing signature or timestamp header";
        }
        long ts;
        try {
            ts = Long.parseLong(r.timestamp().strip());
        } catch (NumberFormatException e) {
            return "timestamp header is not a number";
        }
        long tsMs = scheme.equals("hubspot-v3") ? ts : ts * 1000;
        if (Math.abs(clock.millis() - tsMs) > toleranceMs) {
            return "stale or future timestamp (tolerance " + toleranceMs + " ms)";
        }
        byte[] expected;
        byte[] given;
        if (scheme.equals("hubspot-v3")) {
            expected = Base64.getEncoder().encode(hmac(concat(
                    (r.method() + r.uri()).getBytes(StandardCharsets.UTF_8), r.body(),
                    r.timestamp().strip().getBytes(StandardCharsets.UTF_8))));
            given = r.signature().strip().getBytes(StandardCharsets.UTF_8);
        } else {
            expected = HexFormat.of().formatHex(hmac(concat(
                    (r.timestamp().strip() + ".").getBytes(StandardCharsets.UTF_8), r.body())))
                    .getBytes(StandardCharsets.UTF_8);
            String s = r.signature().strip().toLowerCase(Locale.ROOT);
            given = (s.startsWith("sha256=") ? s.substring(7) : s).getBytes(StandardCharsets.UTF_8);
        }
        return MessageDigest.isEqual(expected, given) ? null : "signature does not match";
    }

    /** The signature a sender computes (for tests and client examples). */
    public String sign(String method, String uri, byte[] body, String timestamp) {
        if (scheme.equals("hubspot-v3")) {
            return Base64.getEncoder().encodeToString(hmac(concat(
                    (method + uri).getBytes(StandardCharsets.UTF_8), body, timestamp.getBytes(StandardCharsets.UTF_8))));
        }
        return HexFormat.of().formatHex(hmac(concat((timestamp + ".").getBytes(StandardCharsets.UTF_8), body)));
    }

    private byte[] hmac(byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is required by every JVM", e);
        }
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int i = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, i, p.length);
            i += p.length;
        }
        return out;
    }
}
