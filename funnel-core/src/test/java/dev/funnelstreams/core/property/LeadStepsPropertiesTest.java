package dev.funnelstreams.core.property;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.config.PeriodKind;
import dev.funnelstreams.core.event.ActivityLogged;
import dev.funnelstreams.core.event.LeadCreated;
import dev.funnelstreams.core.event.LeadEvent;
import dev.funnelstreams.core.event.LeadLost;
import dev.funnelstreams.core.event.LeadUpdated;
import dev.funnelstreams.core.event.OwnerChanged;
import dev.funnelstreams.core.event.StageChanged;
import dev.funnelstreams.core.fixture.TestFunnel;
import dev.funnelstreams.core.lead.EventOrder;
import dev.funnelstreams.core.lead.HistoryUpdate;
import dev.funnelstreams.core.lead.LeadHistory;
import dev.funnelstreams.core.lead.LeadRecord;
import dev.funnelstreams.core.lead.LeadReplay;
import dev.funnelstreams.core.metrics.CellTotals;
import dev.funnelstreams.core.metrics.ContributionRules;
import dev.funnelstreams.core.metrics.Deltas;
import dev.funnelstreams.core.metrics.LeadSteps;
import dev.funnelstreams.core.metrics.PeriodGroupSums;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The incremental path equals the reference: for random histories arriving in random orders (mostly
 * in order, so that the replay continues from the stored end; sometimes late, so that it replays
 * whole), with duplicates and conflicting copies, every step of {@link LeadSteps} gives the outcome,
 * record, delta and states that replaying both histories from the start gives. Each step's record
 * goes through its binary form first, as it does through the store.
 */
class LeadStepsPropertiesTest {

    /** Every period kind (the period review covers MONTH, QUARTER and YEAR) and a money target (SPEC section 9). */
    private static final FunnelConfig CFG = TestFunnel.builder()
            .periods(PeriodKind.WEEK, PeriodKind.MONTH, PeriodKind.QUARTER, PeriodKind.YEAR)
            .targets(Map.of("2026-Q1", Map.of("lead", 5L), "2026-W53", Map.of("won", 1L)))
            .valueTargets(Map.of("2026", new java.math.BigDecimal("1000000.00")))
            .build();

    @Provide
    Arbitrary<List<LeadEvent>> events() {
        return RandomEvents.events(20);
    }

    @Property(tries = 500)
    void everyStepEqualsReplayingBothHistoriesWhole(@ForAll("events") List<LeadEvent> events, @ForAll Random random) {
        check(CFG, arrivals(events, random));
    }

    @Property(tries = 200)
    void alsoWithAShortWindowAndWithout(@ForAll("events") List<LeadEvent> events, @ForAll Random random) {
        List<LeadEvent> arrivals = arrivals(events, random);
        check(TestFunnel.builder().window(Duration.ofDays(7)).build(), arrivals);
        check(TestFunnel.builder().window(null).build(), arrivals);
    }

    /** Sorted, then a few late events, a random subset repeated, and some conflicting copies. */
    private static List<LeadEvent> arrivals(List<LeadEvent> events, Random random) {
        List<LeadEvent> arrivals = new ArrayList<>(events);
        arrivals.sort(EventOrder.REPLAY);
        int late = random.nextInt(3);
        for (int i = 0; i < late && arrivals.size() > 1; i++) {
            LeadEvent e = arrivals.remove(random.nextInt(arrivals.size()));
            arrivals.add(random.nextInt(arrivals.size() + 1), e);
        }
        if (random.nextInt(4) == 0) {
            Collections.shuffle(arrivals, random);
        }
        int copies = random.nextInt(4);
        for (int i = 0; i < copies; i++) {
            LeadEvent e = arrivals.get(random.nextInt(arrivals.size()));
            arrivals.add(random.nextInt(arrivals.size() + 1), random.nextBoolean() ? e : conflicting(e));
        }
        return arrivals;
    }

    private static void check(FunnelConfig config, List<LeadEvent> arrivals) {
        LeadSteps steps = new LeadSteps(config);
        ContributionRules rules = new ContributionRules(config);
        Map<String, LeadRecord> records = new HashMap<>();
        Map<String, LeadHistory> histories = new HashMap<>();
        // the delta buffer's sums (a row once per group of periods) and the deltas summed per cell
        PeriodGroupSums buffer = new PeriodGroupSums();
        CellTotals perCell = new CellTotals();
        for (LeadEvent e : arrivals) {
            LeadRecord stored = records.get(e.leadId());
            LeadSteps.Step step = steps.apply(stored == null ? null : LeadRecord.decode(stored.encode()), e);
            LeadHistory was = histories.getOrDefault(e.leadId(), LeadHistory.empty(e.leadId()));
            HistoryUpdate reference = was.apply(e);
            assertThat(step.outcome()).isEqualTo(reference.outcome());
            if (!reference.isNew()) {
                continue;
            }
            Statistics.collect(step.continued() ? "continued" : "replayed whole");
            LeadHistory now = reference.history();
            LeadReplay.Full full = LeadReplay.full(now, config);
            assertThat(step.record().history()).isEqualTo(now);
            assertThat(step.record().end(config)).contains(full.end());
            assertThat(step.after()).isEqualTo(full.facts().state());
            assertThat(step.before()).isEqualTo(was.size() == 0 ? null : LeadReplay.replay(was, config).state());
            assertThat(step.delta().contributions()).isEqualTo(Deltas.of(rules.of(LeadReplay.replay(was, config)),
                    rules.of(full.facts())));
            step.delta().addTo(buffer);
            perCell.add(step.delta().contributions());
            records.put(e.leadId(), step.record());
            histories.put(e.leadId(), now);
        }
        CellTotals flushed = new CellTotals();
        buffer.drainTo(flushed);
        assertThat(flushed.toContributions()).isEqualTo(perCell.toContributions());
    }

    /** Same eventId and lead, other content: an hour later. */
    private static LeadEvent conflicting(LeadEvent e) {
        var at = e.occurredAt().plus(Duration.ofHours(1));
        if (e instanceof LeadCreated c) {
            return new LeadCreated(c.eventId(), c.leadId(), at, c.channel(), c.campaign(), c.owner(), c.stage(),
                    c.customer(), c.contact(), c.estimatedValue(), c.estimatedValueCleared(), c.tier());
        } else if (e instanceof StageChanged s) {
            return new StageChanged(s.eventId(), s.leadId(), at, s.toStage(), s.fromStage(), s.note(), s.amount());
        } else if (e instanceof ActivityLogged a) {
            return new ActivityLogged(a.eventId(), a.leadId(), at, a.activity(), a.note());
        } else if (e instanceof OwnerChanged o) {
            return new OwnerChanged(o.eventId(), o.leadId(), at, o.owner());
        } else if (e instanceof LeadUpdated u) {
            return new LeadUpdated(u.eventId(), u.leadId(), at, u.estimatedValue(), u.estimatedValueCleared(),
                    u.tier(), u.industry());
        }
        LeadLost l = (LeadLost) e;
        return new LeadLost(l.eventId(), l.leadId(), at, l.reason(), l.detail());
    }
}
