package dev.funnelstreams.core.generate;

import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.event.ChannelSpend;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Daily ad spend per paid channel and campaign, reported late in the evening of the day, a few of
 * them restated days later with a new eventId and a later reportedAt. Referral costs nothing.
 */
final class SpendSimulator {

    /** One reported version of a spend key, with the instant it is reported (for the line order). */
    record Version(ChannelSpend spend, Instant reportedAt, boolean restatement) {
    }

    private final ZoneId zone;
    private final String currency;
    private final Instant end;
    private final double scale;

    SpendSimulator(FunnelConfig config, Instant end) {
        this.zone = config.timezone();
        this.currency = config.currency();
        this.end = end;
        // spend in proportion to deal sizes: a funnel whose top tier starts at 500000 spends ~8000 a day on ads
        double top = config.tiers().get(0).minValue().doubleValue();
        this.scale = Math.max(0.01, Math.max(top, 10_000) / 500_000);
    }

    List<Version> day(LocalDate date, ExpoCalendar expos, SplittableRandom rnd) {
        List<Version> out = new ArrayList<>();
        boolean weekend = date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
        double ads = weekend ? 0.6 : 1.0;
        add(out, date, "online_ads", "kw-crm", 4000 * ads, rnd);
        add(out, date, "online_ads", "kw-erp", 2500 * ads, rnd);
        add(out, date, "online_ads", "retargeting", 1200 * ads, rnd);
        add(out, date, "content", "", 800, rnd);
        if (!weekend) {
            add(out, date, "outbound", "cold-call", 2500, rnd);
        }
        if (date.getDayOfWeek() == DayOfWeek.MONDAY) {
            add(out, date, "partner", "partner-program", 12_000, rnd);
        }
        if (expos.isExpoDay(date)) {
            add(out, date, Channel.EXPO, expos.campaign(date), expos.isFirstDay(date) ? 180_000 : 20_000, rnd);
        }
        return out;
    }

    private void add(List<Version> out, LocalDate date, String channel, String campaign, double base,
            SplittableRandom rnd) {
        BigDecimal amount = money(base * scale * (0.8 + 0.4 * rnd.nextDouble()));
        String cur = rnd.nextDouble() < 0.85 ? currency : null;
        String id = "s-" + channel + "-" + (campaign.isEmpty() ? "all" : campaign) + "-" + date;
        Instant reported = date.atTime(LocalTime.of(22, 0)).atZone(zone).toInstant()
                .plusSeconds(rnd.nextInt(110 * 60));
        boolean withoutReportedAt = rnd.nextDouble() < 0.01;
        out.add(new Version(new ChannelSpend(id + "-v1", channel, campaign, date, amount, cur,
                withoutReportedAt ? null : reported), reported, false));
        if (withoutReportedAt || rnd.nextDouble() < 0.03) {
            Instant restated = BusinessClock.plusDays(reported, 1 + 3 * rnd.nextDouble());
            if (restated.isBefore(end)) {
                BigDecimal corrected = money(amount.doubleValue() * (0.85 + 0.3 * rnd.nextDouble()));
                out.add(new Version(new ChannelSpend(id + "-v2", channel, campaign, date, corrected, cur, restated),
                        restated, true));
            }
        }
    }

    private static BigDecimal money(double v) {
        return BigDecimal.valueOf(Math.round(v * 100)).movePointLeft(2).setScale(2, RoundingMode.UNNECESSARY);
    }
}
