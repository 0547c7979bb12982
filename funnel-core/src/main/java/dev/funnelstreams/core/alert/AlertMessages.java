package dev.funnelstreams.core.alert;

import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.config.StageDef;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * One-line alert texts in the language of the stage names: Chinese when a stage name holds a Han
 * character, else English. A text depends only on the alert's own fields (not on the clock), so
 * the batch and the streaming app write the same message.
 */
final class AlertMessages {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final FunnelConfig config;
    private final boolean chinese;

    AlertMessages(FunnelConfig config) {
        this.config = config;
        this.chinese = config.stages().stream().map(StageDef::name).anyMatch(AlertMessages::hasHan);
    }

    String stall(String leadId, String stageName, Instant since, Duration limit) {
        return chinese
                ? "线索 " + leadId + " 自 " + when(since) + " 起停留在「" + stageName + "」，已超过 " + duration(limit)
                : "Lead " + leadId + " has been in stage \"" + stageName + "\" since " + when(since)
                        + ", longer than " + duration(limit);
    }

    String followUp(String leadId, String tier, String owner, Instant since, Duration cadence) {
        if (chinese) {
            String who = owner == null ? "" : "，负责人 " + owner;
            return "线索 " + leadId + "（" + tier + " 级" + who + "）自 " + when(since) + " 起未跟进，已超过 "
                    + duration(cadence);
        }
        String who = owner == null ? "" : ", owner " + owner;
        return "Lead " + leadId + " (tier " + tier + who + ") has had no follow-up since " + when(since)
                + ", longer than " + duration(cadence);
    }

    String conversionDrop(String week, String fromName, String toName, long n1, long d1, long n0, long d0) {
        String now = percent(n1, d1);
        String before = percent(n0, d0);
        String points = String.format(Locale.ROOT, "%.1f", 100.0 * n0 / d0 - 100.0 * n1 / d1);
        return chinese
                ? week + "「" + fromName + "」→「" + toName + "」转化率 " + now + "，上周 " + before + "，下降 " + points + " 个百分点"
                : week + " conversion \"" + fromName + "\" -> \"" + toName + "\" fell to " + now + " from " + before
                        + " the week before (-" + points + " points)";
    }

    private String when(Instant instant) {
        return WHEN.format(instant.atZone(config.timezone()));
    }

    private static String percent(long n, long d) {
        return String.format(Locale.ROOT, "%.1f%%", 100.0 * n / d);
    }

    private String duration(Duration d) {
        long s = d.getSeconds();
        if (s % 86_400 == 0) {
            return unit(s / 86_400, "天", "day");
        }
        if (s % 3_600 == 0) {
            return unit(s / 3_600, "小时", "hour");
        }
        if (s % 60 == 0) {
            return unit(s / 60, "分钟", "minute");
        }
        return unit(s, "秒", "second");
    }

    private String unit(long n, String zh, String en) {
        return chinese ? n + " " + zh : n + " " + en + (n == 1 ? "" : "s");
    }

    private static boolean hasHan(String text) {
        return text.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN);
    }
}
