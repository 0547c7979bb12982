package dev.funnelstreams.core.generate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.config.FunnelConfigLoader;
import dev.funnelstreams.core.event.ChannelSpend;
import dev.funnelstreams.core.event.EventJson;
import dev.funnelstreams.core.event.EventValidator;
import dev.funnelstreams.core.event.LeadCreated;
import dev.funnelstreams.core.event.LeadEvent;
import dev.funnelstreams.core.event.LeadLost;
import dev.funnelstreams.core.event.LeadUpdated;
import dev.funnelstreams.core.event.OwnerChanged;
import dev.funnelstreams.core.event.ParseResult;
import dev.funnelstreams.core.event.StageChanged;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FunnelGeneratorTest {

    static final FunnelConfig CONFIG = FunnelConfigLoader.load(Path.of("../examples/funnel.yaml"));
    static final LocalDate START = LocalDate.of(2026, 1, 1);
    static final GeneratorOptions OPTIONS = new GeneratorOptions(42, 3000, START, 240);
    static final Instant END = START.plusDays(240).atStartOfDay(CONFIG.timezone()).toInstant();

    static List<String> lines;
    static GeneratorSummary summary;
    static List<LeadEvent> leadEvents = new ArrayList<>();
    static List<ChannelSpend> spends = new ArrayList<>();

    @BeforeAll
    static void generateOnce() throws IOException {
        lines = new ArrayList<>();
        summary = new FunnelGenerator(CONFIG, OPTIONS).generate(lines::add);
        for (String line : lines) {
            ParseResult r = EventJson.parse(line);
            if (r instanceof ParseResult.Lead l) {
                leadEvents.add(l.event());
            } else if (r instanceof ParseResult.Spend s) {
                spends.add(s.spend());
            }
        }
    }

    static List<String> generate(FunnelConfig config, GeneratorOptions options) throws IOException {
        List<String> out = new ArrayList<>();
        new FunnelGenerator(config, options).generate(out::add);
        return out;
    }

    @Test
    void sameSeedGivesIdenticalLines() throws IOException {
        assertThat(generate(CONFIG, OPTIONS)).isEqualTo(lines);
    }

    @Test
    void anotherSeedGivesOtherLines() throws IOException {
        assertThat(generate(CONFIG, new GeneratorOptions(43, 3000, START, 240))).isNotEqualTo(lines);
    }

    @Test
    void everyLineParsesAndPassesValidation() {
        EventValidator validator = new EventValidator(CONFIG);
        for (String line : lines) {
            assertThat(validator.check(EventJson.parse(line), END)).as(line).isEmpty();
        }
        assertThat(leadEvents.size() + spends.size()).isEqualTo(lines.size());
    }

    @Test
    void writesEveryLineInCanonicalForm() {
        for (String line : lines) {
            ParseResult r = EventJson.parse(line);
            String again = r instanceof ParseResult.Lead l ? EventJson.write(l.event())
                    : EventJson.write(((ParseResult.Spend) r).spend());
            assertThat(again).isEqualTo(line);
        }
    }

    @Test
    void staysInsideTheHistory() {
        Instant start = START.atStartOfDay(CONFIG.timezone()).toInstant();
        assertThat(leadEvents).allSatisfy(e -> assertThat(e.occurredAt()).isAfterOrEqualTo(start).isBefore(END));
        assertThat(spends).allSatisfy(s -> {
            assertThat(s.date()).isBetween(START, START.plusDays(239));
            if (s.reportedAt() != null) {
                assertThat(s.reportedAt()).isBefore(END);
            }
        });
    }

    @Test
    void summaryCountsWhatWasWritten() {
        assertThat(summary.leads()).isEqualTo(3000);
        assertThat(summary.lines()).isEqualTo(lines.size());
        Map<String, Long> byType = new HashMap<>();
        leadEvents.forEach(e -> byType.merge(e.type(), 1L, Long::sum));
        byType.put("ChannelSpend", (long) spends.size());
        assertThat(summary.linesByType()).containsExactlyInAnyOrderEntriesOf(byType);
        assertThat(summary.linesByType().keySet()).containsExactly("LeadCreated", "StageChanged", "ActivityLogged",
                "OwnerChanged", "LeadUpdated", "LeadLost", "ChannelSpend");
        assertThat(leadEvents.stream().map(LeadEvent::leadId).distinct().count()).isEqualTo(3000);
        assertThat(summary.start()).isEqualTo(START);
        assertThat(summary.endExclusive()).isEqualTo(START.plusDays(240));
    }

    @Test
    void containsExactDuplicateLines() {
        Set<String> seen = new HashSet<>();
        long duplicates = lines.stream().filter(l -> !seen.add(l)).count();
        assertThat(duplicates).isEqualTo(summary.duplicateLines()).isGreaterThan(10);
    }

    @Test
    void containsOutOfOrderLinesWithinALead() {
        Map<String, Instant> latest = new HashMap<>();
        long outOfOrder = 0;
        for (LeadEvent e : leadEvents) {
            Instant before = latest.merge(e.leadId(), e.occurredAt(), (a, b) -> a.isAfter(b) ? a : b);
            if (before.isAfter(e.occurredAt())) {
                outOfOrder++;
            }
        }
        assertThat(outOfOrder).isGreaterThan(10);
        assertThat(summary.delayedLines()).isGreaterThanOrEqualTo(outOfOrder / 2);
    }

    @Test
    void containsTheFunnelPhenomena() {
        Map<String, List<LeadEvent>> byLead = new HashMap<>();
        Set<String> ids = new HashSet<>();
        for (LeadEvent e : leadEvents) {
            if (ids.add(e.leadId() + "|" + e.eventId())) {
                byLead.computeIfAbsent(e.leadId(), k -> new ArrayList<>()).add(e);
            }
        }
        int losses = 0;
        int reopens = 0;
        int backward = 0;
        int skips = 0;
        int wins = 0;
        int winsWithAmount = 0;
        int stalledStays = 0;
        int overdueGaps = 0;
        int noChannel = 0;
        int noCreated = 0;
        Set<String> channels = new HashSet<>();
        for (List<LeadEvent> events : byLead.values()) {
            events.sort(Comparator.comparing(LeadEvent::occurredAt).thenComparingInt(LeadEvent::typeRank)
                    .thenComparing(LeadEvent::eventId));
            Integer cur = null;
            boolean lost = false;
            Instant enteredAt = null;
            Instant lastTouch = null;
            LeadCreated created = (LeadCreated) events.stream().filter(e -> e instanceof LeadCreated).findFirst().orElse(null);
            if (created == null) {
                noCreated++;
            } else if (created.channel() == null) {
                noChannel++;
            } else {
                channels.add(created.channel());
            }
            String tier = CONFIG.tierFor(created == null ? null : created.estimatedValue()).name();
            long cadence = CONFIG.tier(tier).orElseThrow().followUpEvery().orElseThrow().getSeconds();
            for (LeadEvent e : events) {
                if (e instanceof LeadLost) {
                    losses++;
                    lost = true;
                    continue;
                }
                if (!(e instanceof OwnerChanged) && !(e instanceof LeadUpdated)) {
                    if (lastTouch != null && e.occurredAt().getEpochSecond() - lastTouch.getEpochSecond() > cadence) {
                        overdueGaps++;
                    }
                    lastTouch = e.occurredAt();
                }
                int to;
                if (e instanceof LeadCreated c && cur == null) {
                    to = c.stage() == null ? 0 : CONFIG.stageIndex(c.stage());
                } else if (e instanceof StageChanged s) {
                    to = CONFIG.stageIndex(s.toStage());
                    if (to == CONFIG.wonStageIndex() && s.amount() != null) {
                        winsWithAmount++;
                    }
                } else {
                    continue;
                }
                if (lost) {
                    reopens++;
                    lost = false;
                }
                if (cur != null && to < cur) {
                    backward++;
                }
                if (cur != null && to > cur + 1) {
                    skips++;
                }
                if (cur != null && enteredAt != null && to != cur) {
                    long stall = CONFIG.stages().get(cur).stallAfter().map(d -> d.getSeconds()).orElse(Long.MAX_VALUE);
                    if (e.occurredAt().getEpochSecond() - enteredAt.getEpochSecond() >= stall) {
                        stalledStays++;
                    }
                }
                if (cur == null || to != cur) {
                    enteredAt = e.occurredAt();
                }
                if (to == CONFIG.wonStageIndex() && (cur == null || cur < to)) {
                    wins++;
                }
                cur = to;
            }
        }
        assertThat(losses).as("losses").isGreaterThan(1000);
        assertThat(reopens).as("reopens after loss").isGreaterThan(10);
        assertThat(backward).as("backward moves").isGreaterThan(10);
        assertThat(skips).as("skipped stages").isGreaterThan(10);
        assertThat(wins).as("wins").isGreaterThan(50);
        assertThat(winsWithAmount).as("wins with amount").isGreaterThan(30);
        assertThat(stalledStays).as("stays longer than stallAfter").isGreaterThan(10);
        assertThat(overdueGaps).as("follow-up gaps longer than the cadence").isGreaterThan(100);
        assertThat(noChannel).as("leads without channel").isGreaterThan(0);
        assertThat(noCreated).as("leads entering by a StageChanged, without LeadCreated").isGreaterThan(0);
        assertThat(channels).contains("online_ads", "content", "outbound", "referral", "partner", "expo");
    }

    @Test
    void containsLossReasonsOwnerChangesAndValueUpdates() {
        assertThat(leadEvents).filteredOn(e -> e instanceof LeadLost l && l.reason().equals("other")
                && l.detail() != null && l.detail().startsWith("budget_freeze")
                || e instanceof LeadLost l2 && l2.detail() != null && l2.detail().startsWith("merged_account")
                || e instanceof LeadLost l3 && l3.detail() != null && l3.detail().startsWith("duplicate_lead"))
                .as("unknown loss reasons kept in detail").isNotEmpty();
        assertThat(leadEvents.stream().filter(e -> e instanceof LeadLost).map(e -> ((LeadLost) e).reason()).distinct())
                .contains("price", "competitor", "no_response", "need_mismatch", "no_budget", "timing", "other");
        assertThat(leadEvents).filteredOn(e -> e instanceof OwnerChanged).hasSizeGreaterThan(50);
        assertThat(leadEvents).filteredOn(e -> e instanceof LeadUpdated u && u.estimatedValue() != null).hasSizeGreaterThan(100);
        assertThat(leadEvents).filteredOn(e -> e instanceof LeadCreated c && c.tier() != null).as("explicit tier").isNotEmpty();
        for (var tier : CONFIG.tiers()) {
            assertThat(leadEvents).filteredOn(e -> e instanceof LeadCreated c && c.estimatedValue() != null
                    && CONFIG.tierFor(c.estimatedValue()).equals(tier)).as("values in tier " + tier.name()).isNotEmpty();
        }
        assertThat(leadEvents.stream().filter(e -> e instanceof LeadCreated c && c.owner() != null)
                .map(e -> ((LeadCreated) e).owner()).distinct().count()).isGreaterThanOrEqualTo(10);
    }

    @Test
    void containsDailySpendPerChannelWithRestatements() {
        Map<String, List<ChannelSpend>> byKey = new HashMap<>();
        Set<String> ids = new HashSet<>();
        for (ChannelSpend s : spends) {
            if (ids.add(s.eventId())) {
                byKey.computeIfAbsent(s.channel() + "|" + s.campaign() + "|" + s.date(), k -> new ArrayList<>()).add(s);
            }
        }
        long restated = byKey.values().stream().filter(v -> v.size() > 1).count();
        assertThat(restated).isEqualTo(summary.restatements()).isGreaterThan(5);
        for (List<ChannelSpend> versions : byKey.values()) {
            if (versions.size() > 1) {
                ChannelSpend first = versions.get(0);
                ChannelSpend second = versions.get(1);
                assertThat(second.eventId()).isNotEqualTo(first.eventId());
                assertThat(second.reportedAt()).isNotNull();
                if (first.reportedAt() != null) {
                    assertThat(second.reportedAt()).isAfter(first.reportedAt());
                }
            }
        }
        assertThat(spends.stream().map(ChannelSpend::channel).distinct())
                .contains("online_ads", "content", "outbound", "partner", "expo").doesNotContain("referral");
        assertThat(spends.stream().filter(s -> s.channel().equals("online_ads")).map(ChannelSpend::date).distinct().count())
                .isEqualTo(240);
        assertThat(spends).anyMatch(s -> s.campaign().isEmpty());
    }

    @Test
    void generatesForATwoStageFunnelWithoutCadences() throws IOException {
        FunnelConfig twoStages = FunnelConfigLoader.parse("""
                funnel:
                  timezone: America/Sao_Paulo
                  currency: BRL
                  stages:
                    - {id: mql}
                    - {id: won, won: true}
                  opportunityStage: won
                  tiers: {C: {minValue: 0}}
                """);
        List<String> out = generate(twoStages, new GeneratorOptions(1, 500, START, 90));
        EventValidator validator = new EventValidator(twoStages);
        Instant end = START.plusDays(90).atStartOfDay(twoStages.timezone()).toInstant();
        assertThat(out).allSatisfy(l -> assertThat(validator.check(EventJson.parse(l), end)).as(l).isEmpty());
        assertThat(out).anyMatch(l -> l.contains("\"toStage\":\"won\""));
        assertThat(out).anyMatch(l -> l.contains("\"currency\":\"BRL\""));
    }

    @Test
    void zeroLeadsGivesOnlySpend() throws IOException {
        List<String> out = generate(CONFIG, new GeneratorOptions(5, 0, START, 7));
        assertThat(out).isNotEmpty().allMatch(l -> l.contains("\"type\":\"ChannelSpend\""));
    }

    @Test
    void defaultStartEndsTheHistoryAtTheStartOfToday() {
        assertThat(GeneratorOptions.defaultStart(LocalDate.of(2026, 3, 2), 30)).isEqualTo(LocalDate.of(2026, 1, 31));
        assertThat(new GeneratorOptions(1, 1, LocalDate.of(2026, 1, 31), 30).endExclusive()).isEqualTo(LocalDate.of(2026, 3, 2));
    }

    @Test
    void reportsProgressPerLead() throws IOException {
        List<Integer> seen = new ArrayList<>();
        new FunnelGenerator(CONFIG, new GeneratorOptions(5, 20, START, 10)).generate(l -> { }, seen::add);
        assertThat(seen).hasSize(20).endsWith(20);
    }
}
