package dev.funnelstreams.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The fault ITs' alert rule ({@link AlertChecks#problem}) on one alertId's records, with and without the log
 * cleaner having compacted the part of the topic where its first record lies.
 */
class AlertChecksTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Integer> resends = new HashMap<>();
    private final Map<String, Integer> raisedAgain = new HashMap<>();

    @Test
    void aDropRaisedRetractedAndRaisedAgainKeepsTheRule() {
        assertThat(problem(false, drop(1, "RAISED"), null, drop(2, "RAISED"))).isNull();
        assertThat(raisedAgain).containsEntry("CONVERSION_DROP", 1);
    }

    /** RepeatedKillIT's one failure with two threads had exactly this shape (docs/benchmarks.md, tenth session). */
    @Test
    void aTombstoneFirstBreaksTheRuleUnlessTheCleanerCompactedWhereItLies() {
        assertThat(problem(false, null, drop(2, "RAISED"))).startsWith("tombstone without a CLEARED");
        assertThat(problem(true, null, drop(2, "RAISED"))).isNull();
        assertThat(problem(true, (JsonNode) null)).isNull();
    }

    @Test
    void aClearedFirstInTheCompactedPartStillNeedsItsTombstoneAndNothingBetween() {
        assertThat(problem(true, stall("CLEARED"), null)).isNull();
        assertThat(problem(false, stall("CLEARED"), null)).isEqualTo("CLEARED while not open");
        assertThat(problem(true, stall("CLEARED"))).isEqualTo("CLEARED without its tombstone");
        assertThat(problem(true, stall("CLEARED"), stall("RAISED"), null))
                .isEqualTo("a record between CLEARED and its tombstone");
    }

    @Test
    void compactionExcusesOnlyTheFirstRecordNotWhatAFaultWouldWrite() {
        assertThat(problem(true, null, null)).startsWith("tombstone without a CLEARED");
        assertThat(problem(true, drop(1, "RAISED"), drop(1, "RAISED"))).isEqualTo("RAISED twice while open");
        assertThat(problem(true, stall("RAISED"), null)).startsWith("tombstone without a CLEARED");
        assertThat(problem(false, stall("RAISED"), stall("CLEARED"), null)).isNull();
    }

    @Test
    void anAlertIdThatWasNeverRaisedIsAProblemOnlyWhereNothingWasCompacted() {
        assertThat(problem(false, stall("CLEARED"), null)).isEqualTo("CLEARED while not open");
        assertThat(problem(false)).isEqualTo("never raised");
        assertThat(problem(true, stall("CLEARED"), null)).isNull();
    }

    private String problem(boolean compacted, JsonNode... records) {
        return AlertChecks.problem(Arrays.asList(records), compacted, resends, raisedAgain);
    }

    private static JsonNode drop(int figure, String status) {
        return alert("CONVERSION_DROP", status, figure);
    }

    private static JsonNode stall(String status) {
        return alert("STALL", status, 0);
    }

    private static JsonNode alert(String type, String status, int figure) {
        return JSON.createObjectNode().put("type", type).put("status", status).put("figure", figure)
                .put("raisedAt", "2026-12-06T00:00:00Z");
    }
}
