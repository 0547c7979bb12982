package dev.funnelstreams.alertsink.message;

import dev.funnelstreams.avro.out.Alert;
import dev.funnelstreams.avro.out.AlertStatus;
import java.util.LinkedHashMap;
import java.util.Map;

/** Words an alert for a person: its one-line message, a dashboard link and the de-duplication key. */
public final class AlertNotices {

    private final DashboardLinks links;
    private final String language;

    /** {@code language}: auto, zh or en. */
    public AlertNotices(DashboardLinks links, String language) {
        this.links = links;
        this.language = language;
    }

    public static String dedupKey(Alert a) {
        return a.getAlertId() + ":" + a.getStatus();
    }

    public Notice of(Alert a) {
        Language lang = Language.of(a.getMessage(), language);
        boolean zh = lang == Language.ZH;
        boolean raised = a.getStatus() == AlertStatus.RAISED;
        String label = zh ? (raised ? "【告警】" : "【已解除】") : (raised ? "[ALERT] " : "[CLEARED] ");
        String key = dedupKey(a);
        String link = links.lead(a.getLeadId());
        String linkLabel = a.getLeadId() == null ? (zh ? "看板" : "Dashboard") : (zh ? "查看线索" : "Open lead");
        String keyLabel = zh ? "去重键" : "Dedup key";
        String message = a.getMessage().strip();

        StringBuilder text = new StringBuilder(label).append(message);
        StringBuilder md = new StringBuilder("**").append(label.strip()).append("** ").append(message);
        if (link != null) {
            text.append('\n').append(linkLabel).append(zh ? "：" : ": ").append(link);
            md.append("\n\n[").append(linkLabel).append("](").append(link).append(')');
        }
        text.append('\n').append(keyLabel).append(zh ? "：" : ": ").append(key);
        md.append("\n\n> ").append(keyLabel).append(": `").append(key).append('`');

        return new Notice(key, lang, label + shorten(message), text.toString(), md.toString(), link, data(a, key, link));
    }

    private static Map<String, Object> data(Alert a, String key, String link) {
        Map<String, Object> alert = new LinkedHashMap<>();
        alert.put("alertId", a.getAlertId());
        alert.put("type", a.getType().name());
        alert.put("status", a.getStatus().name());
        alert.put("leadId", a.getLeadId());
        alert.put("stage", a.getStage());
        alert.put("stageName", a.getStageName());
        alert.put("owner", a.getOwner());
        alert.put("tier", a.getTier());
        alert.put("channel", a.getChannel());
        alert.put("since", a.getSince().toString());
        alert.put("deadline", a.getDeadline().toString());
        alert.put("raisedAt", a.getRaisedAt().toString());
        alert.put("message", a.getMessage());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", "alert");
        body.put("dedupKey", key);
        body.put("link", link);
        body.put("alert", alert);
        return body;
    }

    private static String shorten(String s) {
        return s.codePointCount(0, s.length()) <= 60 ? s : s.substring(0, s.offsetByCodePoints(0, 59)) + "…";
    }
}
