package dev.funnelstreams.core.alert;

import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.config.StageDef;
import dev.funnelstreams.core.config.TierDef;
import dev.funnelstreams.core.lead.LeadState;
import dev.funnelstreams.core.metrics.ConversionPair;
import dev.funnelstreams.core.metrics.WeekCounts;
import dev.funnelstreams.core.metrics.WeekKey;
import dev.funnelstreams.core.period.Period;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The alert rules of SPEC section 5, evaluated at a given "now". */
public final class AlertEvaluator {

    private final FunnelConfig config;
    private final AlertMessages messages;
    private final List<ConversionPair> pairs;

    public AlertEvaluator(FunnelConfig config) {
        this.config = config;
        this.messages = new AlertMessages(config);
        this.pairs = ConversionPair.adjacent(config);
    }

    /** The STALL and FOLLOW_UP_OVERDUE deadlines of an active lead (none for an inactive one). */
    public List<Deadline> nextDeadlines(LeadState lead) {
        List<Deadline> out = new ArrayList<>(2);
        if (!lead.active()) {
            return out;
        }
        stallAfter(lead).ifPresent(d ->
                out.add(new Deadline(AlertType.STALL, lead.stage(), lead.enteredAt(), lead.enteredAt().plus(d))));
        followUpEvery(lead).ifPresent(d ->
                out.add(new Deadline(AlertType.FOLLOW_UP_OVERDUE, lead.stage(), lead.lastTouchAt(),
                        lead.lastTouchAt().plus(d))));
        return out;
    }

    /** The lead alerts open at {@code now} (now >= deadline), raised at {@code now}. */
    public List<Alert> openAt(LeadState lead, Instant now) {
        List<Alert> out = new ArrayList<>(2);
        for (Deadline d : nextDeadlines(lead)) {
            if (!now.isBefore(d.at())) {
                out.add(raise(lead, d, now));
            }
        }
        return out;
    }

    /** Whether the lead is stalled at {@code now}: active and now >= enteredAt + stallAfter. */
    public boolean isStalled(LeadState lead, Instant now) {
        return lead.active() && stallAfter(lead).map(d -> !now.isBefore(lead.enteredAt().plus(d))).orElse(false);
    }

    /** The RAISED alert of a lead deadline. */
    public Alert raise(LeadState lead, Deadline d, Instant raisedAt) {
        StageDef stage = config.stage(d.stage()).orElseThrow();
        String message = d.type() == AlertType.STALL
                ? messages.stall(lead.leadId(), stage.name(), d.since(), stallAfter(lead).orElseThrow())
                : messages.followUp(lead.leadId(), lead.tier(), lead.owner(), d.since(),
                        followUpEvery(lead).orElseThrow());
        return new Alert(AlertIds.of(d.type(), lead.leadId(), stage.id(), d.since()), d.type(), AlertStatus.RAISED,
                lead.leadId(), stage.id(), stage.name(), lead.owner(), lead.tier(), lead.channel(), d.since(), d.at(),
                raisedAt, message);
    }

    /** CONVERSION_DROP alerts of every week closed at {@code now} (now > week end + grace). */
    public List<Alert> conversionDrops(Map<WeekKey, WeekCounts> weeks, Instant now) {
        List<Alert> out = new ArrayList<>();
        for (WeekKey key : weeks.keySet()) {
            Period week = key.week();
            if (now.isAfter(closesAt(week))) {
                WeekCounts previous = weeks.getOrDefault(new WeekKey(week.previous()), WeekCounts.ZERO);
                out.addAll(conversionDrops(week, weeks.get(key), previous, now));
            }
        }
        return out;
    }

    /** The instant after which a week is closed: its end plus grace (also the alert's deadline). */
    public Instant closesAt(Period week) {
        return week.end(config.timezone()).plus(config.alerts().grace());
    }

    /** CONVERSION_DROP alerts of one closed week against the week before it. */
    public List<Alert> conversionDrops(Period week, WeekCounts thisWeek, WeekCounts previousWeek, Instant raisedAt) {
        List<Alert> out = new ArrayList<>();
        for (ConversionPair p : pairs) {
            long n1 = thisWeek.reachedOf(p.toStage());
            long d1 = thisWeek.reachedOf(p.fromStage());
            long n0 = previousWeek.reachedOf(p.toStage());
            long d0 = previousWeek.reachedOf(p.fromStage());
            if (isDrop(n1, d1, n0, d0)) {
                StageDef from = config.stage(p.fromStage()).orElseThrow();
                StageDef to = config.stage(p.toStage()).orElseThrow();
                Instant since = week.start(config.timezone());
                out.add(new Alert(AlertIds.of(AlertType.CONVERSION_DROP, null, from.id(), since),
                        AlertType.CONVERSION_DROP, AlertStatus.RAISED, null, from.id(), from.name(), null, null, null,
                        since, closesAt(week), raisedAt,
                        messages.conversionDrop(week.label(), from.name(), to.name(), n1, d1, n0, d0)));
            }
        }
        return out;
    }

    /** {@code 100 (n1 d0 - n0 d1) <= -minPoints d0 d1}, both samples >= minSample and > 0, exactly. */
    boolean isDrop(long n1, long d1, long n0, long d0) {
        int minSample = config.alerts().minSample();
        if (d1 < minSample || d0 < minSample || d1 <= 0 || d0 <= 0) {
            return false;
        }
        BigInteger left = BigInteger.valueOf(n1).multiply(BigInteger.valueOf(d0))
                .subtract(BigInteger.valueOf(n0).multiply(BigInteger.valueOf(d1)))
                .multiply(BigInteger.valueOf(100));
        BigInteger right = BigInteger.valueOf(-config.alerts().minPoints())
                .multiply(BigInteger.valueOf(d0)).multiply(BigInteger.valueOf(d1));
        return left.compareTo(right) <= 0;
    }

    private Optional<Duration> stallAfter(LeadState lead) {
        return config.stage(lead.stage()).flatMap(StageDef::stallAfter);
    }

    private Optional<Duration> followUpEvery(LeadState lead) {
        if (lead.lastTouchAt() == null) {
            return Optional.empty();
        }
        return config.tier(lead.tier()).flatMap(TierDef::followUpEvery);
    }
}
