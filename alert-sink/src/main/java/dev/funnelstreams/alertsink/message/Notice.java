package dev.funnelstreams.alertsink.message;

import java.util.Map;

/**
 * What a channel sends: an alert or a rate-limit digest, already worded in one language.
 *
 * @param dedupKey {@code alertId:status} for an alert (receivers de-duplicate by it); null for a digest
 * @param title a short line: DingTalk markdown title, e-mail subject
 * @param text the plain-text message (chat robots, e-mail body), including the link and the dedup key
 * @param markdown the same in Markdown (DingTalk and WeCom markdown)
 * @param link the dashboard link, or null when no dashboard URL is configured
 * @param data the structured payload of the generic JSON webhook
 */
public record Notice(String dedupKey, Language language, String title, String text, String markdown, String link,
                     Map<String, Object> data) {

    public boolean isDigest() {
        return dedupKey == null;
    }
}
