package dev.funnelstreams.core.generate;

import static dev.funnelstreams.core.generate.BusinessClock.plusDays;
import static dev.funnelstreams.core.generate.Vocabulary.pick;

import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.config.StageDef;
import dev.funnelstreams.core.config.TierDef;
import dev.funnelstreams.core.event.ActivityLogged;
import dev.funnelstreams.core.event.Contact;
import dev.funnelstreams.core.event.Customer;
import dev.funnelstreams.core.event.LeadCreated;
import dev.funnelstreams.core.event.LeadEvent;
import dev.funnelstreams.core.event.LeadLost;
import dev.funnelstreams.core.event.LeadUpdated;
import dev.funnelstreams.core.event.OwnerChanged;
import dev.funnelstreams.core.event.StageChanged;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The life of one synthetic lead: stage progression with per-stage drop-off, skips, a backward
 * move, losses with reasons, a reopen after a loss, stalls, follow-up activities at the tier's
 * cadence (some owners too slow, so leads go overdue), owner changes and value updates.
 */
final class LeadSimulator {

    private static final int MAX_ACTIVITIES_PER_STAY = 25;
    private static final double STALL = 0.06;

    private final FunnelConfig config;
    private final List<StageDef> stages;
    private final int won;
    private final Instant end;
    private final BusinessClock clock;
    private final ValueModel values;

    LeadSimulator(FunnelConfig config, Instant end) {
        this.config = config;
        this.stages = config.stages();
        this.won = config.wonStageIndex();
        this.end = end;
        this.clock = new BusinessClock(config.timezone());
        this.values = new ValueModel(config);
    }

    /** The events of one lead, sorted by occurredAt; all at or after {@code createdAt} and before the end. */
    List<LeadEvent> simulate(String leadId, Instant createdAt, Channel channel, String campaign, SplittableRandom rnd) {
        Life life = new Life(leadId, rnd);
        int ownerIndex = rnd.nextInt(Vocabulary.OWNERS.size());
        life.owner = Vocabulary.OWNERS.get(ownerIndex);
        String industry = Vocabulary.INDUSTRIES.get(Vocabulary.weighted(Vocabulary.INDUSTRY_WEIGHT, rnd));
        BigDecimal value = rnd.nextDouble() < 0.05 ? null : values.sample(rnd);
        String explicitTier = rnd.nextDouble() < 0.04 ? pick(config.tiers(), rnd).name() : null;
        TierDef tier = explicitTier != null ? config.tier(explicitTier).orElseThrow() : config.tierFor(value);
        life.cadence = tier.followUpEvery().orElse(Duration.ofDays(7));
        life.diligence = rnd.nextDouble() < 0.7 ? 0.4 + 0.5 * rnd.nextDouble() : 0.8 + 1.2 * rnd.nextDouble();
        double quality = channel.quality() * Vocabulary.OWNER_SKILL[ownerIndex];

        int cur = 0;
        Instant t = createdAt;
        if (rnd.nextDouble() < 0.005) {
            // imported mid-funnel: no LeadCreated, the first StageChanged is the funnel entry (channel unknown)
            cur = rnd.nextInt(won);
            life.add(new StageChanged(life.id(), leadId, t, id(cur), null, "导入存量线索", null));
        } else {
            String stage = null;
            if (won > 1 && rnd.nextDouble() < 0.03) {
                cur = 1;
                stage = id(1);
            } else if (rnd.nextDouble() < 0.02) {
                stage = id(0);
            }
            life.add(new LeadCreated(life.id(), leadId, t, channel.name(), campaign, life.owner, stage,
                    customer(industry, rnd), contact(rnd), value, false, explicitTier));
            if (cur == 0 && won > 1 && rnd.nextDouble() < 0.01) {
                // qualified on the spot: a stay of zero seconds in the first stage
                life.add(new StageChanged(life.id(), leadId, t, id(1), id(0), "当场确认需求", null));
                cur = 1;
            }
        }

        boolean movedBack = false;
        boolean reopened = false;
        while (true) {
            if (cur >= won) {
                afterWin(life, cur, t);
                break;
            }
            double u = rnd.nextDouble();
            double advance = Math.min(0.90, Math.max(0.05, (0.40 + 0.10 * cur) * quality));
            if (u < STALL) {
                // stalls: the owner keeps in touch for a while (or until the end), the lead never moves
                Instant until = rnd.nextBoolean() ? end : plusDays(t, 3 + 20 * rnd.nextDouble());
                life.activities(t, until.isBefore(end) ? until : end);
                break;
            }
            Instant next = clock.atOrAfter(plusDays(t, dwellDays(cur, rnd)), rnd);
            if (!next.isBefore(end)) {
                life.activities(t, end);
                break;
            }
            life.activities(t, next);
            if (u < STALL + advance) {
                if (!movedBack && cur > 0 && rnd.nextDouble() < 0.06) {
                    movedBack = true;
                    life.add(new StageChanged(life.id(), leadId, next, id(cur - 1), id(cur), "客户要求重新评估方案", null));
                    cur--;
                    t = next;
                    continue;
                }
                int target = cur + 1;
                if (target < won && rnd.nextDouble() < 0.06) {
                    target++; // skips a stage: reaches it at the same instant
                }
                BigDecimal amount = target == won && rnd.nextDouble() < 0.85 ? values.dealAmount(value, rnd) : null;
                String from = rnd.nextDouble() < 0.8 ? id(cur) : null;
                String note = rnd.nextDouble() < 0.3 ? pick(Vocabulary.STAGE_NOTES, rnd) : null;
                life.add(new StageChanged(life.id(), leadId, next, id(target), from, note, amount));
                cur = target;
                t = next;
            } else {
                life.add(lost(life, next, cur, rnd));
                t = next;
                Instant back = clock.atOrAfter(plusDays(t, 20 + 70 * rnd.nextDouble()), rnd);
                if (!reopened && rnd.nextDouble() < 0.06 && back.isBefore(end)) {
                    reopened = true;
                    cur = rnd.nextBoolean() ? cur : Math.max(0, cur - 1);
                    life.add(new StageChanged(life.id(), leadId, back, id(cur), null, "客户重新联系", null));
                    t = back;
                    continue;
                }
                break;
            }
        }
        attributeChanges(life, createdAt, value, explicitTier, industry);
        life.events.sort(Comparator.comparing(LeadEvent::occurredAt)); // stable: creation order on ties
        return life.events;
    }

    private void afterWin(Life life, int cur, Instant t) {
        SplittableRandom rnd = life.rnd;
        life.cadence = life.cadence.multipliedBy(2);
        Instant careUntil = plusDays(t, 20 + 70 * rnd.nextDouble());
        life.activities(t, careUntil.isBefore(end) ? careUntil : end, 8);
        if (cur + 1 < stages.size() && rnd.nextDouble() < 0.3) {
            Instant next = clock.atOrAfter(plusDays(t, 30 + 120 * rnd.nextDouble()), rnd);
            if (next.isBefore(end)) {
                life.add(new StageChanged(life.id(), life.leadId, next, id(cur + 1), id(cur), "复购", null));
            }
        }
    }

    private LeadLost lost(Life life, Instant at, int cur, SplittableRandom rnd) {
        String reason;
        double u = rnd.nextDouble();
        if (u < 0.01) {
            reason = null;
        } else if (u < 0.03) {
            reason = pick(Vocabulary.UNKNOWN_REASONS, rnd);
        } else if (cur == 0) {
            reason = Vocabulary.EARLY_REASONS.get(Vocabulary.weighted(Vocabulary.EARLY_WEIGHT, rnd));
        } else {
            reason = Vocabulary.LATE_REASONS.get(Vocabulary.weighted(Vocabulary.LATE_WEIGHT, rnd));
        }
        String detail = rnd.nextDouble() < 0.3 ? pick(Vocabulary.LOSS_DETAILS, rnd) : null;
        return LeadLost.of(life.id(), life.leadId, at, reason, detail);
    }

    /** Owner changes, value and tier updates, an industry fix, a second LeadCreated, between creation and the last event. */
    private void attributeChanges(Life life, Instant createdAt, BigDecimal value, String explicitTier, String industry) {
        SplittableRandom rnd = life.rnd;
        Instant last = createdAt;
        for (LeadEvent e : life.events) {
            last = e.occurredAt().isAfter(last) ? e.occurredAt() : last;
        }
        if (!last.isAfter(createdAt)) {
            last = plusDays(createdAt, 7);
            if (!last.isBefore(end)) {
                return;
            }
        }
        String leadId = life.leadId;
        if (rnd.nextDouble() < 0.05) {
            String owner = rnd.nextDouble() < 0.06 ? "" : pick(Vocabulary.OWNERS, rnd);
            life.add(new OwnerChanged(life.id(), leadId, between(createdAt, last, rnd), owner));
        }
        if (rnd.nextDouble() < 0.10) {
            BigDecimal updated = value == null ? values.sample(rnd) : values.rescale(value, 0.4 + 2.1 * rnd.nextDouble());
            String tier = explicitTier != null && rnd.nextBoolean() ? "" : null;
            life.add(new LeadUpdated(life.id(), leadId, between(createdAt, last, rnd), updated, false, tier, null));
        }
        if (rnd.nextDouble() < 0.02) {
            life.add(new LeadUpdated(life.id(), leadId, between(createdAt, last, rnd), null, false,
                    pick(config.tiers(), rnd).name(), null));
        }
        if (rnd.nextDouble() < 0.01) {
            String other = pick(Vocabulary.INDUSTRIES, rnd);
            life.add(new LeadUpdated(life.id(), leadId, between(createdAt, last, rnd), null, false, null,
                    other.equals(industry) ? "" : other));
        }
        if (rnd.nextDouble() < 0.005) {
            life.add(new LeadUpdated(life.id(), leadId, between(createdAt, last, rnd), null, true, null, null));
        }
        if (rnd.nextDouble() < 0.003) {
            // a re-import: changes no stage and not the channel, but its owner applies
            life.add(new LeadCreated(life.id(), leadId, between(createdAt, last, rnd), "referral", null,
                    pick(Vocabulary.OWNERS, rnd), null, null, null, null, false, null));
        }
    }

    private static Instant between(Instant from, Instant to, SplittableRandom rnd) {
        long span = Duration.between(from, to).getSeconds();
        return span <= 0 ? from : from.plusSeconds(1 + (long) (rnd.nextDouble() * (span - 1)));
    }

    private double dwellDays(int stage, SplittableRandom rnd) {
        double mean = stages.get(stage).stallAfter().map(d -> d.getSeconds() / 86_400.0 * 0.45).orElse(10.0);
        // a sum of two exponentials: most stays are near the mean, some run past stallAfter
        return mean * (-Math.log(1 - rnd.nextDouble()) - Math.log(1 - rnd.nextDouble())) / 2;
    }

    private String id(int stage) {
        return stages.get(stage).id();
    }

    private static Customer customer(String industry, SplittableRandom rnd) {
        String name = pick(Vocabulary.COMPANY_PREFIX, rnd) + pick(Vocabulary.COMPANY_CORE, rnd)
                + pick(Vocabulary.COMPANY_SUFFIX, rnd);
        return new Customer(name, industry, pick(Vocabulary.SIZES, rnd));
    }

    /** Obviously synthetic contact data (phone numbers in a reserved-looking 0000 block). */
    private static Contact contact(SplittableRandom rnd) {
        if (rnd.nextDouble() < 0.1) {
            return null;
        }
        String phone = "+86 138 0000 " + FunnelGenerator.zeroPadded(rnd.nextInt(10_000), 4);
        return new Contact(pick(Vocabulary.SURNAMES, rnd) + pick(Vocabulary.GIVEN, rnd), pick(Vocabulary.TITLES, rnd),
                phone);
    }

    /** The mutable state of one lead's simulation. */
    private final class Life {
        final String leadId;
        final SplittableRandom rnd;
        final List<LeadEvent> events = new ArrayList<>();
        String owner;
        Duration cadence;
        double diligence;
        private int seq;

        Life(String leadId, SplittableRandom rnd) {
            this.leadId = leadId;
            this.rnd = rnd;
        }

        String id() {
            return leadId + "." + (++seq);
        }

        void add(LeadEvent e) {
            events.add(e);
        }

        void activities(Instant from, Instant to) {
            activities(from, to, MAX_ACTIVITIES_PER_STAY);
        }

        /** Follow-up touches in (from, to) at the cadence times this owner's diligence. */
        void activities(Instant from, Instant to, int max) {
            Instant t = from;
            double cadenceDays = cadence.getSeconds() / 86_400.0;
            for (int n = 0; n < max; n++) {
                t = clock.atOrAfter(plusDays(t, cadenceDays * diligence * (0.7 + 0.6 * rnd.nextDouble())), rnd);
                if (!t.isBefore(to) || !t.isBefore(end)) {
                    return;
                }
                String note = rnd.nextDouble() < 0.4 ? pick(Vocabulary.ACTIVITY_NOTES, rnd) : null;
                add(new ActivityLogged(id(), leadId, t, pick(Vocabulary.ACTIVITIES, rnd), note));
            }
        }
    }
}
