package dev.funnelstreams.core.alert;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/** Deterministic alert ids: first 32 hex digits of SHA-256 of {@code type|leadId|stageId|epochMillis}. */
public final class AlertIds {

    private AlertIds() {
    }

    /** {@code leadId} null is written as the empty string (CONVERSION_DROP). */
    public static String of(AlertType type, String leadId, String stageId, Instant refersTo) {
        String text = type.name() + "|" + (leadId == null ? "" : leadId) + "|" + stageId + "|" + refersTo.toEpochMilli();
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
