package dev.funnelstreams.core.property;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.config.PeriodKind;
import dev.funnelstreams.core.event.ChannelSpend;
import dev.funnelstreams.core.event.LeadEvent;
import dev.funnelstreams.core.fixture.TestFunnel;
import dev.funnelstreams.core.lead.HistoryUpdate;
import dev.funnelstreams.core.lead.LeadFacts;
import dev.funnelstreams.core.lead.LeadHistory;
import dev.funnelstreams.core.lead.LeadReplay;
import dev.funnelstreams.core.metrics.CellTotals;
import dev.funnelstreams.core.metrics.ContributionRules;
import dev.funnelstreams.core.metrics.Contributions;
import dev.funnelstreams.core.metrics.Deltas;
import dev.funnelstreams.core.metrics.PeriodGroupSums;
import dev.funnelstreams.core.metrics.SpendBook;
import dev.funnelstreams.core.metrics.StageFlowKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The invariants that make the streaming sums right: order, duplicates and deltas change nothing. */
class MetricPropertiesTest {

    /** Every period kind (the period review covers MONTH, QUARTER and YEAR) and a money target (SPEC section 9). */
    private static final FunnelConfig CFG = TestFunnel.builder()
            .periods(PeriodKind.WEEK, PeriodKind.MONTH, PeriodKind.QUARTER, PeriodKind.YEAR)
            .targets(Map.of("2026-Q1", Map.of("lead", 5L), "2026-W53", Map.of("won", 1L)))
            .valueTargets(Map.of("2026", new java.math.BigDecimal("1000000.00")))
            .build();

    @Provide
    Arbitrary<List<LeadEvent>> events() {
        return RandomEvents.events(14);
    }

    @Provide
    Arbitrary<List<LeadEvent>> eventsCreatedInFirstStage() {
        return RandomEvents.events(14, Arrays.asList("lead", null));
    }

    @Provide
    Arbitrary<List<ChannelSpend>> spends() {
        return RandomEvents.spends();
    }

    /** The metrics of a batch: each lead's full history replayed, contributions summed. */
    private static Contributions metrics(List<LeadEvent> arrivals) {
        Map<String, LeadHistory> leads = new HashMap<>();
        for (LeadEvent e : arrivals) {
            leads.put(e.leadId(), leads.getOrDefault(e.leadId(), LeadHistory.empty(e.leadId())).apply(e).history());
        }
        CellTotals totals = new CellTotals();
        leads.values().forEach(h -> totals.add(Contributions.of(LeadReplay.replay(h, CFG), CFG)));
        return totals.toContributions();
    }

    @Property(tries = 300)
    void shufflingTheEventsChangesNoMetric(@ForAll("events") List<LeadEvent> events, @ForAll Random random) {
        List<LeadEvent> shuffled = new ArrayList<>(events);
        Collections.shuffle(shuffled, random);
        assertThat(metrics(shuffled)).isEqualTo(metrics(events));
    }

    @Property(tries = 300)
    void duplicatingAnyEventChangesNoMetric(@ForAll("events") List<LeadEvent> events, @ForAll Random random) {
        List<LeadEvent> withCopies = new ArrayList<>(events);
        for (LeadEvent e : events) {
            if (random.nextBoolean()) {
                withCopies.add(random.nextInt(withCopies.size() + 1), e);
            }
        }
        assertThat(metrics(withCopies)).isEqualTo(metrics(events));
    }

    @Property(tries = 300)
    void summedDeltasEqualTheContributionsOfTheFullHistory(@ForAll("events") List<LeadEvent> events,
            @ForAll Random random) {
        List<LeadEvent> arrivals = new ArrayList<>(events);
        Collections.shuffle(arrivals, random);
        // a random subset arrives twice
        arrivals.addAll(arrivals.subList(0, random.nextInt(arrivals.size() + 1)));
        Map<String, LeadHistory> leads = new HashMap<>();
        Map<String, Contributions> current = new HashMap<>();
        CellTotals store = new CellTotals();
        for (LeadEvent e : arrivals) {
            LeadHistory before = leads.getOrDefault(e.leadId(), LeadHistory.empty(e.leadId()));
            HistoryUpdate update = before.apply(e);
            if (!update.isNew()) {
                assertThat(update.outcome()).isEqualTo(HistoryUpdate.Outcome.DUPLICATE);
                continue;
            }
            Contributions after = Contributions.of(LeadReplay.replay(update.history(), CFG), CFG);
            store.add(Deltas.of(current.getOrDefault(e.leadId(), Contributions.EMPTY), after));
            leads.put(e.leadId(), update.history());
            current.put(e.leadId(), after);
        }
        assertThat(store.toContributions()).isEqualTo(metrics(events));
    }

    /**
     * The batch report sums each lead's counters per group of periods ({@link PeriodGroupSums}) and adds them to the
     * periods' cells at the end: the same cells as adding every counter to its cell as it comes ({@link CellTotals}).
     */
    @Property(tries = 300)
    void summingPerGroupOfPeriodsGivesTheCellsOfSummingPerPeriod(@ForAll("events") List<LeadEvent> events) {
        Map<String, LeadHistory> leads = new HashMap<>();
        for (LeadEvent e : events) {
            leads.put(e.leadId(), leads.getOrDefault(e.leadId(), LeadHistory.empty(e.leadId())).apply(e).history());
        }
        ContributionRules rules = new ContributionRules(CFG);
        CellTotals perPeriod = new CellTotals();
        PeriodGroupSums perGroup = new PeriodGroupSums();
        for (LeadHistory h : leads.values()) {
            LeadFacts facts = LeadReplay.replay(h, CFG);
            rules.addTo(facts, perPeriod);
            rules.addTo(facts, perGroup);
        }
        CellTotals expanded = new CellTotals();
        perGroup.drainTo(expanded);
        assertThat(expanded.toContributions()).isEqualTo(perPeriod.toContributions()).isEqualTo(metrics(events));
        // drained, it is empty, and sums again from nothing (the delta buffer drains it at every flush)
        assertThat(perGroup.size()).isZero();
        for (LeadHistory h : leads.values()) {
            rules.addTo(LeadReplay.replay(h, CFG), perGroup);
        }
        CellTotals again = new CellTotals();
        perGroup.drainTo(again);
        assertThat(again.toContributions()).isEqualTo(perPeriod.toContributions());
    }

    @Property(tries = 300)
    void reachCountsNeverDecreaseAsEventsAreAdded(@ForAll("eventsCreatedInFirstStage") List<LeadEvent> events,
            @ForAll Random random) {
        List<LeadEvent> arrivals = new ArrayList<>(events);
        Collections.shuffle(arrivals, random);
        Map<String, Long> previous = Map.of();
        for (int n = 1; n <= arrivals.size(); n++) {
            Map<String, Long> reached = reachedPerStage(metrics(arrivals.subList(0, n)));
            for (Map.Entry<String, Long> e : previous.entrySet()) {
                assertThat(reached.getOrDefault(e.getKey(), 0L)).as("reached %s", e.getKey())
                        .isGreaterThanOrEqualTo(e.getValue());
            }
            previous = reached;
        }
    }

    /** Leads that ever reached each stage: stage-flow {@code reached} of dimension all summed over the months. */
    private static Map<String, Long> reachedPerStage(Contributions metrics) {
        Map<String, Long> out = new HashMap<>();
        metrics.cells().forEach((k, v) -> {
            if (k instanceof StageFlowKey s && s.period().kind() == PeriodKind.MONTH && s.dimension().equals("all")) {
                out.merge(s.stage(), ((dev.funnelstreams.core.metrics.StageFlowCounts) v).reached(), Long::sum);
            }
        });
        return out;
    }

    @Property(tries = 300)
    void spendRestatementsInAnyOrderEndAtTheWinningVersions(@ForAll("spends") List<ChannelSpend> spends,
            @ForAll Random random) {
        SpendBook inOrder = new SpendBook(CFG);
        spends.forEach(inOrder::apply);
        List<ChannelSpend> shuffled = new ArrayList<>(spends);
        Collections.shuffle(shuffled, random);
        SpendBook other = new SpendBook(CFG);
        CellTotals deltas = new CellTotals();
        for (ChannelSpend s : shuffled) {
            deltas.add(other.apply(s).delta());
        }
        assertThat(other.contributions()).isEqualTo(inOrder.contributions());
        assertThat(deltas.toContributions()).isEqualTo(inOrder.contributions());
    }
}
