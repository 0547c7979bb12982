package dev.funnelstreams.alertsink.message;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Words the summary of alerts a rate limit held back: "12 more stalled leads" / "另有 12 条停滞线索",
 * sent once the destination's window reopens instead of a flood of single messages.
 */
public final class DigestNotices {

    /** How many held-back alerts of each kind (STALL, FOLLOW_UP_OVERDUE, CONVERSION_DROP, CLEARED). */
    public record Counts(Map<String, Integer> byKind, Language language) {

        public int total() {
            return byKind.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private static final List<String> ORDER = List.of("STALL", "FOLLOW_UP_OVERDUE", "CONVERSION_DROP", "CLEARED");

    private final DashboardLinks links;

    public DigestNotices(DashboardLinks links) {
        this.links = links;
    }

    public Notice of(Counts c) {
        boolean zh = c.language() == Language.ZH;
        StringBuilder parts = new StringBuilder();
        for (String kind : ORDER) {
            Integer n = c.byKind().get(kind);
            if (n == null || n == 0) {
                continue;
            }
            if (!parts.isEmpty()) {
                parts.append(zh ? "、" : ", ");
            }
            parts.append(zh ? zh(kind, n) : en(kind, n));
        }
        String link = links.home();
        String text;
        if (zh) {
            text = "另有 " + parts + "（因限流未逐条发送）" + (link == null ? "" : "，请查看看板：" + link);
        } else {
            text = parts + " (held back by the rate limit)" + (link == null ? "" : "; see the dashboard: " + link);
        }
        String title = zh ? "【告警汇总】另有 " + c.total() + " 条告警" : "[DIGEST] " + c.total() + " more alerts";
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("kind", "digest");
        data.put("counts", new LinkedHashMap<>(c.byKind()));
        data.put("link", link);
        data.put("text", text);
        return new Notice(null, c.language(), title, text, "**" + title + "**\n\n" + text, link, data);
    }

    private static String zh(String kind, int n) {
        return n + switch (kind) {
            case "STALL" -> " 条停滞线索";
            case "FOLLOW_UP_OVERDUE" -> " 条逾期跟进";
            case "CONVERSION_DROP" -> " 条转化率下降";
            default -> " 条已解除告警";
        };
    }

    private static String en(String kind, int n) {
        String noun = switch (kind) {
            case "STALL" -> n == 1 ? "stalled lead" : "stalled leads";
            case "FOLLOW_UP_OVERDUE" -> n == 1 ? "overdue follow-up" : "overdue follow-ups";
            case "CONVERSION_DROP" -> n == 1 ? "conversion drop" : "conversion drops";
            default -> n == 1 ? "cleared alert" : "cleared alerts";
        };
        return n + " more " + noun;
    }
}
