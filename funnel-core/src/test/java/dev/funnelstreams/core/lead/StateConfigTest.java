package dev.funnelstreams.core.lead;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.config.FunnelConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StateConfigTest {

    private static final Path EXAMPLE = Path.of("../examples/funnel.yaml");
    /** Mid 2026-Q4 in Shanghai, the example's zone. */
    private static final Instant NOW = Instant.parse("2026-11-15T00:00:00Z");

    private static String example() throws Exception {
        return Files.readString(EXAMPLE);
    }

    private static FunnelConfig edited(String from, String to) throws Exception {
        String yaml = example();
        assertThat(yaml).as("the example holds the text to edit").contains(from);
        return FunnelConfigLoader.parse(yaml.replace(from, to));
    }

    /**
     * The fingerprint of the bundled example, written down: it is the same in every JVM. The config's
     * text ({@code FunnelConfig.toString()}) was not: its period set and target maps iterate in an order
     * that changes from JVM to JVM, so a restarted app found every stored lead end "computed under
     * another config" and replayed each lead whole at its next event.
     */
    @Test
    void theFingerprintIsTheSameInEveryJvm() throws Exception {
        FunnelConfig config = FunnelConfigLoader.parse(example());
        assertThat(Long.toHexString(StateConfig.fingerprint(config))).isEqualTo(EXPECTED_FINGERPRINT);
        assertThat(LeadRecord.fingerprint(config)).as("what a lead record keeps").isEqualTo(StateConfig.fingerprint(config));
        assertThat(StateConfig.lines(config)).contains("periods WEEK MONTH QUARTER YEAR",
                "stage 1 lead stallAfter=PT336H probability=0.05", "stage 5 won won", "tier A minValue=500000 followUpEvery=PT24H",
                "target 2026 lead", "target 2026 won", "money target 2026");
    }

    static final String EXPECTED_FINGERPRINT = "50042f1297c0afa4";

    @Test
    void displayNamesTargetGoalsAndAlertChecksAreNotState() throws Exception {
        List<String> base = StateConfig.lines(FunnelConfigLoader.parse(example()));
        assertThat(StateConfig.lines(edited("name: 线索获取", "name: Lead"))).isEqualTo(base);
        assertThat(StateConfig.lines(edited("lead: 4000", "lead: 4500"))).isEqualTo(base);
        assertThat(StateConfig.lines(edited("wonValue: \"50000000.00\"", "wonValue: \"60000000\""))).isEqualTo(base);
        assertThat(StateConfig.lines(edited("grace: P1D", "grace: P2D"))).isEqualTo(base);
        assertThat(StateConfig.lines(edited("maxFutureSkew: PT1H", "maxFutureSkew: PT2H"))).isEqualTo(base);
        assertThat(StateConfig.lines(edited("minValue: 500000", "minValue: 500000.00"))).isEqualTo(base);
        assertThat(StateConfig.breakingChanges(base, edited("name: 线索获取", "name: Lead"), NOW)).isEmpty();
    }

    @Test
    void aChangedTierStageOrZoneBreaksTheState() throws Exception {
        List<String> base = StateConfig.lines(FunnelConfigLoader.parse(example()));
        assertThat(StateConfig.breakingChanges(base, edited("minValue: 100000", "minValue: 150000"), NOW))
                .containsExactly("- tier B minValue=100000 followUpEvery=PT72H",
                        "+ tier B minValue=150000 followUpEvery=PT72H");
        assertThat(StateConfig.breakingChanges(base, edited("timezone: Asia/Shanghai", "timezone: Asia/Tokyo"), NOW))
                .containsExactly("- timezone Asia/Shanghai", "+ timezone Asia/Tokyo");
        assertThat(StateConfig.breakingChanges(base, edited("stallAfter: P30D", "stallAfter: P20D"), NOW))
                .hasSize(2).allMatch(l -> l.contains("stage 2 discovery"));
        assertThat(StateConfig.breakingChanges(base, edited("minSample: 20", "minSample: 30"), NOW))
                .containsExactly("- alerts.minSample 20", "+ alerts.minSample 30");
    }

    @Test
    void aTargetAddedForAPeriodNoEventCanBeInYetKeepsTheState() throws Exception {
        List<String> base = StateConfig.lines(FunnelConfigLoader.parse(example()));
        FunnelConfig nextYear = edited("2026: {lead: 4000", "2027: {lead: 100}\n    2026: {lead: 4000");
        assertThat(StateConfig.lines(nextYear)).contains("target 2027 lead");
        assertThat(StateConfig.breakingChanges(base, nextYear, NOW)).isEmpty();
        // the current quarter: its reaches so far were stored without the target's cell
        FunnelConfig thisQuarter = edited("2026-Q4: {lead: 1000", "2026-Q4: {proposal: 30, lead: 1000");
        assertThat(StateConfig.breakingChanges(base, thisQuarter, NOW)).containsExactly("+ target 2026-Q4 proposal");
        // a year that starts within maxFutureSkew (1 hour) of now: an accepted event may lie in it already
        Instant justBefore2027 = Instant.parse("2026-12-31T15:30:00Z"); // 23:30 in Shanghai
        assertThat(StateConfig.breakingChanges(base, nextYear, justBefore2027)).containsExactly("+ target 2027 lead");
        // a removed target: its record would stay in the compacted topic, no longer updated
        FunnelConfig removed = edited(", discovery: 200", "");
        assertThat(StateConfig.breakingChanges(base, removed, NOW)).containsExactly("- target 2026-Q4 discovery");
    }
}
