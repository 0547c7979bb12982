package dev.funnelstreams.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class FunnelConfigLoaderTest {

    static final Path REPO_EXAMPLE = Path.of("../examples/funnel.yaml");
    static final Path SHARED_EXAMPLES = Path.of("../../shared/examples");

    /** A minimal valid config; tests replace one section at a time. */
    static String yaml(String stages, String tiers, String rest) {
        return "funnel:\n"
                + "  timezone: Asia/Shanghai\n"
                + "  currency: CNY\n"
                + stages
                + "  opportunityStage: discovery\n"
                + tiers
                + rest;
    }

    static final String STAGES = """
              stages:
                - {id: lead, stallAfter: P14D}
                - {id: discovery, name: 需求挖掘}
                - {id: won, won: true}
            """;
    static final String TIERS = """
              tiers:
                C: {minValue: 0, followUpEvery: P7D}
                A: {minValue: 500000, followUpEvery: P1D}
                B: {minValue: 100000.5}
            """;

    static List<String> errorsOf(String yaml) {
        try {
            FunnelConfigLoader.parse(yaml);
        } catch (ConfigException e) {
            return e.errors();
        }
        throw new AssertionError("expected a ConfigException for:\n" + yaml);
    }

    @Test
    void loadsTheSpecExampleWithChineseStageNames() {
        FunnelConfig c = FunnelConfigLoader.load(REPO_EXAMPLE);

        assertThat(c.timezone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(c.currency()).isEqualTo("CNY");
        assertThat(c.stageIds()).containsExactly("lead", "discovery", "proposal", "negotiation", "won", "repurchase");
        assertThat(c.stages()).extracting(StageDef::name)
                .containsExactly("线索获取", "需求挖掘", "方案呈现", "商务谈判", "签约成交", "售后复购");
        assertThat(c.stage("discovery").orElseThrow().stallAfter()).contains(Duration.ofDays(30));
        assertThat(c.stage("repurchase").orElseThrow().stallAfter()).isEmpty();
        assertThat(c.wonStage().id()).isEqualTo("won");
        assertThat(c.wonStageIndex()).isEqualTo(4);
        assertThat(c.opportunityStage()).isEqualTo("discovery");
        assertThat(c.opportunityStageIndex()).isEqualTo(1);
        assertThat(c.tiers()).extracting(TierDef::name).containsExactly("A", "B", "C");
        assertThat(c.tier("B").orElseThrow().followUpEvery()).contains(Duration.ofDays(3));
        assertThat(c.periods()).containsExactlyInAnyOrder(PeriodKind.WEEK, PeriodKind.MONTH, PeriodKind.QUARTER,
                PeriodKind.YEAR);
        assertThat(c.dimensions()).containsExactly(Dimension.values());
        assertThat(c.conversionWindow()).contains(Duration.ofDays(90));
        assertThat(c.targets()).isEqualTo(Map.of("2026-Q4", Map.of("lead", 1000L, "discovery", 200L, "won", 50L),
                "2026", Map.of("lead", 4000L, "won", 200L)));
        assertThat(c.valueTargets()).isEqualTo(Map.of("2026", new java.math.BigDecimal("50000000.00")));
        assertThat(c.stages()).extracting(s -> s.probability().map(java.math.BigDecimal::toPlainString).orElse(null))
                .containsExactly("0.05", "0.20", "0.40", "0.70", null, null);
        assertThat(c.alerts()).isEqualTo(AlertSettings.DEFAULTS);
    }

    /**
     * The repo's example is the shared example plus SPEC section 9's additions (stage probabilities, YEAR,
     * a year target with a money target): without them the two configs are equal.
     */
    @Test
    void repoExampleIsTheSharedExamplePlusSalesAnalytics() {
        Path shared = SHARED_EXAMPLES.resolve("funnel.yaml");
        assumeThat(Files.exists(shared)).as("shared examples present").isTrue();
        FunnelConfig repo = FunnelConfigLoader.load(REPO_EXAMPLE);
        Map<String, Map<String, Long>> countTargets = new java.util.HashMap<>(repo.targets());
        countTargets.remove("2026");
        FunnelConfig withoutSection9 = new FunnelConfig(repo.timezone(), repo.currency(),
                repo.stages().stream().map(s -> new StageDef(s.id(), s.name(), s.stallAfter(), s.won())).toList(),
                repo.opportunityStage(), repo.tiers(),
                repo.periods().stream().filter(k -> k != PeriodKind.YEAR).collect(java.util.stream.Collectors.toSet()),
                repo.dimensions(), repo.conversionWindow(), countTargets, repo.alerts());
        assertThat(withoutSection9).isEqualTo(FunnelConfigLoader.load(shared));
    }

    static Stream<Path> sharedExamples() throws IOException {
        if (!Files.isDirectory(SHARED_EXAMPLES)) {
            return Stream.empty();
        }
        try (Stream<Path> files = Files.list(SHARED_EXAMPLES)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @Test
    void everySharedExampleLoads() throws IOException {
        List<Path> examples = sharedExamples().toList();
        assumeThat(examples).as("shared examples present").isNotEmpty();
        for (Path p : examples) {
            assertThat(FunnelConfigLoader.load(p)).as(p.toString()).isNotNull();
        }
    }

    @Test
    void takesYearAsAPeriodAndAYearAsATargetPeriod() {
        FunnelConfig c = FunnelConfigLoader.parse(yaml(STAGES, TIERS,
                "  periods: [QUARTER, YEAR]\n  targets: {2026: {won: 50}, 2026-Q4: {won: 15}}\n"));

        assertThat(c.periods()).containsExactlyInAnyOrder(PeriodKind.QUARTER, PeriodKind.YEAR);
        assertThat(c.targets()).isEqualTo(Map.of("2026", Map.of("won", 50L), "2026-Q4", Map.of("won", 15L)));
    }

    @Test
    void appliesSectionEightDefaults() {
        FunnelConfig c = FunnelConfigLoader.parse(yaml(STAGES, TIERS, ""));

        assertThat(c.periods()).isEqualTo(EnumSet.of(PeriodKind.WEEK, PeriodKind.MONTH, PeriodKind.QUARTER));
        assertThat(c.dimensions()).isEmpty();
        assertThat(c.conversionWindow()).isEmpty();
        assertThat(c.targets()).isEmpty();
        assertThat(c.alerts()).isEqualTo(new AlertSettings(5, 20, Duration.ofDays(1), Duration.ofHours(1)));
        assertThat(c.stage("lead").orElseThrow().name()).isEqualTo("lead");
        assertThat(c.stage("discovery").orElseThrow().name()).isEqualTo("需求挖掘");
        assertThat(c.stage("lead").orElseThrow().won()).isFalse();
        assertThat(c.tier("B").orElseThrow().followUpEvery()).isEmpty();
    }

    @Test
    void sortsTiersHighestFirstAndPicksTheTierOfAValue() {
        FunnelConfig c = FunnelConfigLoader.parse(yaml(STAGES, TIERS, ""));

        assertThat(c.tiers()).extracting(TierDef::name).containsExactly("A", "B", "C");
        assertThat(c.tiers()).extracting(TierDef::minValue)
                .containsExactly(new BigDecimal("500000.00"), new BigDecimal("100000.50"), new BigDecimal("0.00"));
        assertThat(c.tierFor(new BigDecimal("500000"))).extracting(TierDef::name).isEqualTo("A");
        assertThat(c.tierFor(new BigDecimal("499999.99"))).extracting(TierDef::name).isEqualTo("B");
        assertThat(c.tierFor(new BigDecimal("100000.49"))).extracting(TierDef::name).isEqualTo("C");
        assertThat(c.tierFor(null)).extracting(TierDef::name).isEqualTo("C");
        assertThat(c.lowestTier().name()).isEqualTo("C");
        assertThat(c.hasTier("A")).isTrue();
        assertThat(c.hasTier("D")).isFalse();
    }

    @Test
    void valueBelowEveryTierGetsTheLowestTier() {
        FunnelConfig c = FunnelConfigLoader.parse(yaml(STAGES, "  tiers: {A: {minValue: 1000}, B: {minValue: 10}}\n", ""));
        assertThat(c.tierFor(new BigDecimal("5")).name()).isEqualTo("B");
    }

    @Test
    void answersStageQuestions() {
        FunnelConfig c = FunnelConfigLoader.parse(yaml(STAGES, TIERS, ""));

        assertThat(c.firstStage().id()).isEqualTo("lead");
        assertThat(c.stageIndex("won")).isEqualTo(2);
        assertThat(c.stageIndex("nope")).isEqualTo(-1);
        assertThat(c.stageIndex(null)).isEqualTo(-1);
        assertThat(c.hasStage("discovery")).isTrue();
        assertThat(c.stage("nope")).isEqualTo(Optional.empty());
    }

    @Test
    void readsPeriodsDimensionsTargetsAndAlerts() {
        FunnelConfig c = FunnelConfigLoader.parse(yaml(STAGES, TIERS, """
                  periods: [WEEK, QUARTER]
                  dimensions: [owner, channel]
                  conversionWindow: P2W
                  targets:
                    2026-W53: {lead: 0}
                    2026-03: {discovery: 20}
                    2026-Q1: {won: 5}
                  alerts:
                    conversionDrop: {minPoints: 0, minSample: 1}
                    grace: PT0S
                    maxFutureSkew: PT5M
                """));

        assertThat(c.periods()).containsExactlyInAnyOrder(PeriodKind.WEEK, PeriodKind.QUARTER);
        assertThat(c.hasPeriod(PeriodKind.MONTH)).isFalse();
        assertThat(c.dimensions()).containsExactly(Dimension.OWNER, Dimension.CHANNEL);
        assertThat(c.conversionWindow()).contains(Duration.ofDays(14));
        assertThat(c.targets()).containsOnlyKeys("2026-W53", "2026-03", "2026-Q1");
        assertThat(c.targets().get("2026-W53")).containsEntry("lead", 0L);
        assertThat(c.alerts()).isEqualTo(new AlertSettings(0, 1, Duration.ZERO, Duration.ofMinutes(5)));
    }

    static Stream<Object[]> invalidConfigs() {
        return Stream.of(
                // stages
                new Object[] {yaml("  stages: [{id: won, won: true}]\n", TIERS, ""),
                    "funnel.stages: 1 stage (allowed: 2..12)"},
                new Object[] {yaml("  stages:\n" + "    - {id: s}\n".repeat(0) + thirteenStages(), TIERS, ""),
                    "funnel.stages: 13 stages (allowed: 2..12)"},
                new Object[] {yaml(STAGES.replace("id: lead", "id: Lead"), TIERS, ""),
                    "funnel.stages[0].id: \"Lead\" is not a stage id (allowed characters: a-z, 0-9, _ and -)"},
                new Object[] {yaml(STAGES.replace("id: lead", "id: \"lead one\""), TIERS, ""),
                    "funnel.stages[0].id: \"lead one\" is not a stage id (allowed characters: a-z, 0-9, _ and -)"},
                new Object[] {yaml(STAGES.replace("id: discovery", "id: lead"), TIERS, "").replace(
                        "opportunityStage: discovery", "opportunityStage: lead"),
                    "funnel.stages[1].id: duplicate stage id \"lead\" (ids must be unique; first at funnel.stages[0])"},
                new Object[] {yaml(STAGES.replace("id: lead, ", ""), TIERS, ""),
                    "funnel.stages[0].id: missing (an id matching [a-z0-9_-]+)"},
                new Object[] {yaml(STAGES.replace("won: true", "won: false"), TIERS, ""),
                    "funnel.stages: no won stage (mark exactly one stage, not the first, with won: true)"},
                new Object[] {yaml(STAGES.replace("{id: discovery, name: 需求挖掘}", "{id: discovery, won: true}"),
                        TIERS, ""),
                    "funnel.stages[2].won: a second won stage (exactly one stage has won: true; the first is funnel.stages[1])"},
                new Object[] {yaml(STAGES.replace("{id: lead, stallAfter: P14D}", "{id: lead, won: true}")
                        .replace("{id: won, won: true}", "{id: won}"), TIERS, ""),
                    "funnel.stages[0].won: the won stage cannot be the first stage"},
                new Object[] {yaml(STAGES.replace("won: true", "won: \"sure\""), TIERS, ""),
                    "funnel.stages[2].won: must be true or false (got \"sure\")"},
                new Object[] {yaml(STAGES.replace("name: 需求挖掘", "name: \"\""), TIERS, ""),
                    "funnel.stages[1].name: empty (any text; omit the key to use the id)"},
                new Object[] {yaml(STAGES.replace("stallAfter: P14D", "stallafter: P14D"), TIERS, ""),
                    "funnel.stages[0].stallafter: unknown key (did you mean stallAfter? allowed: id, name, stallAfter, won, probability)"},
                new Object[] {yaml("  stages: {lead: {}}\n", TIERS, ""),
                    "funnel.stages: must be a list of 2..12 stages"},
                new Object[] {yaml("  stages: [lead, {id: won, won: true}]\n", TIERS, ""),
                    "funnel.stages[0]: must be a mapping of id, name, stallAfter, won, probability"},
                new Object[] {yaml("", TIERS, ""),
                    "funnel.stages: missing (an ordered list of 2..12 stages, e.g. - {id: lead, name: Lead, stallAfter: P14D})"},
                // opportunity stage
                new Object[] {yaml(STAGES, TIERS, "").replace("opportunityStage: discovery", "opportunityStage: opp"),
                    "funnel.opportunityStage: unknown stage \"opp\" (known: lead, discovery, won)"},
                new Object[] {yaml(STAGES, TIERS, "").replace("  opportunityStage: discovery\n", ""),
                    "funnel.opportunityStage: missing (the id of the stage that makes a lead an opportunity)"},
                // tiers
                new Object[] {yaml(STAGES, "", ""),
                    "funnel.tiers: missing (at least one tier is required, e.g. A: {minValue: 500000, followUpEvery: P1D})"},
                new Object[] {yaml(STAGES, "  tiers: {}\n", ""),
                    "funnel.tiers: empty (at least one tier is required, e.g. A: {minValue: 500000, followUpEvery: P1D})"},
                new Object[] {yaml(STAGES, TIERS.replace("100000.5", "500000.00"), ""),
                    "funnel.tiers.B.minValue: 500000 is also the minValue of tier A (minValues must be distinct)"},
                new Object[] {yaml(STAGES, TIERS.replace("minValue: 0,", "minValue: -1,"), ""),
                    "funnel.tiers.C.minValue: must be a number >= 0 with at most 2 decimals (got -1)"},
                new Object[] {yaml(STAGES, TIERS.replace("100000.5", "100000.125"), ""),
                    "funnel.tiers.B.minValue: must be a number >= 0 with at most 2 decimals (got 100000.125)"},
                new Object[] {yaml(STAGES, TIERS.replace("100000.5", "\"lots\""), ""),
                    "funnel.tiers.B.minValue: must be a number >= 0 with at most 2 decimals (got \"lots\")"},
                new Object[] {yaml(STAGES, TIERS.replace("{minValue: 100000.5}", "{followUpEvery: P3D}"), ""),
                    "funnel.tiers.B.minValue: missing (a number >= 0 with at most 2 decimals)"},
                new Object[] {yaml(STAGES, TIERS.replace("followUpEvery: P1D", "followUp: P1D"), ""),
                    "funnel.tiers.A.followUp: unknown key (allowed: minValue, followUpEvery)"},
                new Object[] {yaml(STAGES, TIERS.replace("{minValue: 100000.5}", "100000"), ""),
                    "funnel.tiers.B: must be a mapping of minValue, followUpEvery, e.g. A: {minValue: 500000, followUpEvery: P1D}"},
                // durations
                new Object[] {yaml(STAGES.replace("P14D", "P1M"), TIERS, ""),
                    "funnel.stages[0].stallAfter: \"P1M\" is not an exact duration (months and years have no fixed length;"
                        + " ISO-8601 with W, D, H, M, S units and whole seconds, e.g. P14D, PT1H, P1DT12H)"},
                new Object[] {yaml(STAGES.replace("P14D", "PT0S"), TIERS, ""),
                    "funnel.stages[0].stallAfter: must be longer than zero (got PT0S)"},
                new Object[] {yaml(STAGES.replace("P14D", "14"), TIERS, ""),
                    "funnel.stages[0].stallAfter: must be an ISO-8601 duration such as P14D or PT1H (got 14)"},
                new Object[] {yaml(STAGES, TIERS.replace("P7D", "PT0.5S"), ""),
                    "funnel.tiers.C.followUpEvery: \"PT0.5S\" is not an exact duration (fractions are not allowed;"
                        + " ISO-8601 with W, D, H, M, S units and whole seconds, e.g. P14D, PT1H, P1DT12H)"},
                new Object[] {yaml(STAGES, TIERS, "  conversionWindow: P1Y\n"),
                    "funnel.conversionWindow: \"P1Y\" is not an exact duration (months and years have no fixed length;"
                        + " ISO-8601 with W, D, H, M, S units and whole seconds, e.g. P14D, PT1H, P1DT12H)"},
                new Object[] {yaml(STAGES, TIERS, "  alerts: {grace: 1d}\n"),
                    "funnel.alerts.grace: \"1d\" is not an exact duration (ISO-8601 with W, D, H, M, S units and whole"
                        + " seconds, e.g. P14D, PT1H, P1DT12H)"},
                new Object[] {yaml(STAGES, TIERS, "  alerts: {maxFutureSkew: -PT1H}\n"),
                    "funnel.alerts.maxFutureSkew: \"-PT1H\" is not an exact duration (negative durations are not allowed;"
                        + " ISO-8601 with W, D, H, M, S units and whole seconds, e.g. P14D, PT1H, P1DT12H)"},
                // timezone and currency
                new Object[] {yaml(STAGES, TIERS, "").replace("Asia/Shanghai", "Asia/Shangai"),
                    "funnel.timezone: unknown time zone \"Asia/Shangai\" (a region id such as Asia/Shanghai,"
                        + " Europe/Berlin or UTC, or an offset such as +08:00)"},
                new Object[] {yaml(STAGES, TIERS, "").replace("  timezone: Asia/Shanghai\n", ""),
                    "funnel.timezone: missing (a time zone id such as Asia/Shanghai or UTC)"},
                new Object[] {yaml(STAGES, TIERS, "").replace("CNY", "RMB"),
                    "funnel.currency: unknown currency \"RMB\" (an ISO 4217 code such as CNY, USD or EUR)"},
                new Object[] {yaml(STAGES, TIERS, "").replace("CNY", "cny"),
                    "funnel.currency: unknown currency \"cny\" (an ISO 4217 code such as CNY, USD or EUR)"},
                new Object[] {yaml(STAGES, TIERS, "").replace("  currency: CNY\n", ""),
                    "funnel.currency: missing (an ISO 4217 code such as CNY, USD or EUR)"},
                // periods and dimensions
                new Object[] {yaml(STAGES, TIERS, "  periods: [WEEK, DAY]\n"),
                    "funnel.periods[1]: unknown value \"DAY\" (allowed: WEEK, MONTH, QUARTER, YEAR)"},
                new Object[] {yaml(STAGES, TIERS, "  periods: [week]\n"),
                    "funnel.periods[0]: unknown value \"week\" (did you mean WEEK? allowed: WEEK, MONTH, QUARTER, YEAR)"},
                new Object[] {yaml(STAGES, TIERS, "  periods: [WEEK, WEEK]\n"),
                    "funnel.periods[1]: duplicate value \"WEEK\" (list each at most once)"},
                new Object[] {yaml(STAGES, TIERS, "  periods: []\n"),
                    "funnel.periods: empty (list at least one of WEEK, MONTH, QUARTER, YEAR, or omit the key for WEEK,"
                        + " MONTH and QUARTER)"},
                new Object[] {yaml(STAGES, TIERS, "  periods: WEEK\n"),
                    "funnel.periods: must be a list of WEEK, MONTH, QUARTER, YEAR"},
                new Object[] {yaml(STAGES, TIERS, "  dimensions: [channel, region]\n"),
                    "funnel.dimensions[1]: unknown value \"region\" (allowed: channel, owner, tier, industry)"},
                // targets
                new Object[] {yaml(STAGES, TIERS, "  targets: {2026-Q5: {lead: 1}}\n"),
                    "funnel.targets.2026-Q5: not a period (allowed: an ISO week YYYY-Www, a month YYYY-MM, a quarter"
                        + " YYYY-Qn or a year YYYY, e.g. 2026-W09, 2026-03, 2026-Q1, 2026)"},
                new Object[] {yaml(STAGES, TIERS, "  targets: {2027-W53: {lead: 1}}\n"),
                    "funnel.targets.2027-W53: not a period (allowed: an ISO week YYYY-Www, a month YYYY-MM, a quarter"
                        + " YYYY-Qn or a year YYYY, e.g. 2026-W09, 2026-03, 2026-Q1, 2026)"},
                new Object[] {yaml(STAGES, TIERS, "  targets: {2026-13: {lead: 1}}\n"),
                    "funnel.targets.2026-13: not a period (allowed: an ISO week YYYY-Www, a month YYYY-MM, a quarter"
                        + " YYYY-Qn or a year YYYY, e.g. 2026-W09, 2026-03, 2026-Q1, 2026)"},
                new Object[] {yaml(STAGES, TIERS, "  targets: {2026-Q4: {opp: 1}}\n"),
                    "funnel.targets.2026-Q4.opp: unknown stage \"opp\" (known: lead, discovery, won)"},
                new Object[] {yaml(STAGES, TIERS, "  targets: {2026-Q4: {lead: -1}}\n"),
                    "funnel.targets.2026-Q4.lead: must be an integer >= 0 (got -1)"},
                new Object[] {yaml(STAGES, TIERS, "  targets: {2026-Q4: {lead: 1.5}}\n"),
                    "funnel.targets.2026-Q4.lead: must be an integer >= 0 (got 1.5)"},
                new Object[] {yaml(STAGES, TIERS, "  targets: {2026-Q4: {lead: \"10\"}}\n"),
                    "funnel.targets.2026-Q4.lead: must be an integer >= 0 (got \"10\")"},
                new Object[] {yaml(STAGES, TIERS, "  targets: {2026-Q4: 1000}\n"),
                    "funnel.targets.2026-Q4: must be a mapping of stage -> count, e.g. {lead: 1000, won: 50}"},
                // alerts
                new Object[] {yaml(STAGES, TIERS, "  alerts: {conversionDrop: {minPoints: -1}}\n"),
                    "funnel.alerts.conversionDrop.minPoints: must be an integer >= 0 (got -1)"},
                new Object[] {yaml(STAGES, TIERS, "  alerts: {conversionDrop: {minSample: 0}}\n"),
                    "funnel.alerts.conversionDrop.minSample: must be an integer >= 1 (got 0)"},
                new Object[] {yaml(STAGES, TIERS, "  alerts: {conversionDrop: {minPoints: 2.5}}\n"),
                    "funnel.alerts.conversionDrop.minPoints: must be an integer >= 0 (got 2.5)"},
                new Object[] {yaml(STAGES, TIERS, "  alerts: {conversionDrop: {minSamples: 3}}\n"),
                    "funnel.alerts.conversionDrop.minSamples: unknown key (did you mean minSample? allowed: minPoints, minSample)"},
                new Object[] {yaml(STAGES, TIERS, "  alerts: {skew: PT1H}\n"),
                    "funnel.alerts.skew: unknown key (allowed: conversionDrop, grace, maxFutureSkew)"},
                // unknown keys and structure
                new Object[] {yaml(STAGES, TIERS, "  timeZone: UTC\n"),
                    "funnel.timeZone: unknown key (did you mean timezone? allowed: timezone, currency, stages,"
                        + " opportunityStage, tiers, periods, dimensions, conversionWindow, targets, alerts)"},
                new Object[] {yaml(STAGES, TIERS, "") + "other: 1\n",
                    "other: unknown section (allowed: funnel, streams, include)"},
                new Object[] {yaml(STAGES, TIERS, "") + "stream: {}\n",
                    "stream: unknown section (did you mean streams? allowed: funnel, streams, include)"},
                new Object[] {yaml(STAGES, TIERS, "  targets: {2026-Q4: {discovry: 1}}\n"),
                    "funnel.targets.2026-Q4.discovry: unknown stage \"discovry\" (did you mean discovery? known: lead, discovery, won)"},
                new Object[] {"stages: []\n", "funnel: missing (the configuration lives under a top-level funnel: key)"},
                new Object[] {"", "funnel: missing (the configuration lives under a top-level funnel: key)"},
                new Object[] {"funnel: [1]\n", "funnel: must be a mapping of timezone, currency, stages, opportunityStage,"
                        + " tiers, periods, dimensions, conversionWindow, targets, alerts"},
                new Object[] {"funnel:\n  timezone: UTC\n  timezone: UTC\n",
                    "not valid YAML: Duplicate field 'timezone' (line 3, column 11)"});
    }

    private static String thirteenStages() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            sb.append("    - {id: s").append(i).append("}\n");
        }
        return sb.append("    - {id: discovery, won: true}\n").toString();
    }

    @ParameterizedTest
    @MethodSource("invalidConfigs")
    void namesTheKeyAndWhatIsAllowed(String yaml, String expected) {
        assertThat(errorsOf(yaml)).contains(expected);
    }

    @Test
    void reportsEveryErrorAtOnce() {
        String yaml = yaml(STAGES.replace("P14D", "P1M"), TIERS.replace("P7D", "P1Y"), "  periods: [DAY]\n  colour: red\n")
                .replace("CNY", "XXY");

        assertThat(errorsOf(yaml)).containsExactly(
                "funnel.colour: unknown key (allowed: timezone, currency, stages, opportunityStage, tiers, periods,"
                        + " dimensions, conversionWindow, targets, alerts)",
                "funnel.currency: unknown currency \"XXY\" (an ISO 4217 code such as CNY, USD or EUR)",
                "funnel.stages[0].stallAfter: \"P1M\" is not an exact duration (months and years have no fixed length;"
                        + " ISO-8601 with W, D, H, M, S units and whole seconds, e.g. P14D, PT1H, P1DT12H)",
                "funnel.tiers.C.followUpEvery: \"P1Y\" is not an exact duration (months and years have no fixed length;"
                        + " ISO-8601 with W, D, H, M, S units and whole seconds, e.g. P14D, PT1H, P1DT12H)",
                "funnel.periods[0]: unknown value \"DAY\" (allowed: WEEK, MONTH, QUARTER, YEAR)");
    }

    @Test
    void aBadStageIdIsOneErrorNotAlsoAnUnknownReference() {
        String yaml = yaml(STAGES.replace("id: discovery", "id: Discovery"), TIERS, "  targets: {2026-Q1: {Discovery: 5}}\n")
                .replace("opportunityStage: discovery", "opportunityStage: Discovery");

        assertThat(errorsOf(yaml)).containsExactly(
                "funnel.stages[1].id: \"Discovery\" is not a stage id (allowed characters: a-z, 0-9, _ and -)");
    }

    @Test
    void syntaxErrorIsOneLineWithItsLocation() {
        List<String> errors = errorsOf("funnel: [\n");
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0)).startsWith("not valid YAML: ").contains("(line ").doesNotContain("\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-W01", "2026-W53", "2020-W53", "2026-01", "2026-12", "2026-Q1", "2026-Q4"})
    void acceptsEveryKindOfTargetPeriod(String label) {
        FunnelConfig c = FunnelConfigLoader.parse(yaml(STAGES, TIERS, "  targets: {" + label + ": {won: 3}}\n"));
        assertThat(c.targets()).containsEntry(label, Map.of("won", 3L));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-W00", "2026-W54", "2026-W1", "2026-00", "2026-Q0", "2026-Q5", "26-Q1", "2026Q1",
        "2026-q1", "2026-w09", "Q1-2026"})
    void rejectsMalformedTargetPeriods(String label) {
        assertThat(errorsOf(yaml(STAGES, TIERS, "  targets: {" + label + ": {won: 3}}\n")))
                .anySatisfy(e -> assertThat(e).startsWith("funnel.targets." + label + ": not a period"));
    }

    @Test
    void missingFileIsOneErrorNamingTheFile(@TempDir Path dir) {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> FunnelConfigLoader.load(missing))
                .isInstanceOf(ConfigException.class)
                .hasMessage(missing + ": no such file");
    }

    @Test
    void nonUtf8FileIsAnError(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("latin1.yaml");
        Files.write(file, new byte[] {'f', 'u', 'n', 'n', 'e', 'l', ':', ' ', (byte) 0xE9, '\n'});
        assertThatThrownBy(() -> FunnelConfigLoader.load(file)).hasMessage(file + ": not UTF-8 text");
    }
}
