package dev.funnelstreams.streams.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnelstreams.core.metrics.Amount;
import dev.funnelstreams.core.metrics.CellKey;
import dev.funnelstreams.core.metrics.ChannelCostKey;
import dev.funnelstreams.core.metrics.ChannelCounts;
import dev.funnelstreams.core.metrics.ConversionCounts;
import dev.funnelstreams.core.metrics.ConversionKey;
import dev.funnelstreams.core.metrics.Count;
import dev.funnelstreams.core.metrics.Counter;
import dev.funnelstreams.core.metrics.CycleBuckets;
import dev.funnelstreams.core.metrics.LossReasonKey;
import dev.funnelstreams.core.metrics.PipelineCounts;
import dev.funnelstreams.core.metrics.PipelineKey;
import dev.funnelstreams.core.metrics.ReviewCounts;
import dev.funnelstreams.core.metrics.ReviewKey;
import dev.funnelstreams.core.metrics.SalesKpiCounts;
import dev.funnelstreams.core.metrics.SalesKpiKey;
import dev.funnelstreams.core.metrics.SnapshotKey;
import dev.funnelstreams.core.metrics.StageFlowCounts;
import dev.funnelstreams.core.metrics.StageFlowKey;
import dev.funnelstreams.core.metrics.StalledKey;
import dev.funnelstreams.core.metrics.StalledNowKey;
import dev.funnelstreams.core.metrics.TargetKey;
import dev.funnelstreams.core.metrics.TargetValueKey;
import dev.funnelstreams.core.metrics.WeekCounts;
import dev.funnelstreams.core.metrics.WeekKey;
import dev.funnelstreams.core.period.Period;
import java.math.BigDecimal;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The cell stores and the repartition topic hold these bytes: a running app's state must stay readable. The
 * expected bytes were written by the hand-written codec that the table-driven one replaced (2026-12-05), for every
 * cell type there was; they pin the encoding rules, which a later type shares. Every type's cells, later ones
 * included, pass through the codec (repartition topic and store) in FunnelTopologyDifferentialTest.
 */
class CellCodecTest {

    private static final Period W09 = Period.parse("2026-W09");
    private static final Period MAR = Period.parse("2026-03");
    private static final Period Q1 = Period.parse("2026-Q1");

    @Test
    void aDimensionValuePastSixtyFourKilobytesRoundTrips() {
        String owner = "名".repeat(30_000); // 90,000 bytes of UTF-8: writeUTF threw on it
        StageFlowKey key = new StageFlowKey(W09, "owner", owner, "lead");
        WeekCounts counts = new WeekCounts(Map.of(owner, 1L), Map.of(), BigDecimal.ZERO, 1); // a map key as long

        assertThat(CellCodec.decodeKey(CellCodec.encodeKey(key))).isEqualTo(key);
        assertThat(CellCodec.decodeCounter(CellCodec.encodeCounter(counts))).isEqualTo(counts);
    }

    @Test
    void keysKeepTheirBytesAndRoundTrip() {
        Map<CellKey<?>, String> expected = new LinkedHashMap<>();
        expected.put(new StageFlowKey(W09, "channel", "展会", "lead"),
                "010008323032362d57303900076368616e6e656c0006e5b195e4bc9a00046c656164");
        expected.put(new ConversionKey(MAR, "all", "all", "lead", "discovery"),
                "020007323032362d30330003616c6c0003616c6c00046c6561640009646973636f76657279");
        expected.put(new LossReasonKey(Q1, "tier", "A", "proposal", "PRICE"),
                "030007323032362d5131000474696572000141000870726f706f73616c00055052494345");
        expected.put(new ChannelCostKey(MAR, "expo"),
                "040007323032362d303300046578706f");
        expected.put(new SnapshotKey("owner", "li.na", "lead"),
                "0500056f776e657200056c692e6e6100046c656164");
        expected.put(new TargetKey(Q1, "won"),
                "060007323032362d51310003776f6e");
        expected.put(new WeekKey(W09),
                "070008323032362d573039");
        expected.put(new StalledKey("all", "all", "negotiation"),
                "080003616c6c0003616c6c000b6e65676f74696174696f6e");
        expected.put(StalledNowKey.INSTANCE,
                "09");
        expected.put(new PipelineKey("all", "all", "proposal"),
                "0a0003616c6c0003616c6c000870726f706f73616c");
        expected.put(new SalesKpiKey(MAR, "channel", "web"),
                "0b0007323032362d303300076368616e6e656c0003776562");
        expected.put(new ReviewKey(Period.parse("2026")),
                "0c000432303236");
        expected.put(new TargetValueKey(Q1),
                "0d0007323032362d5131");
        assertThat(expected.keySet().stream().map(Object::getClass).collect(Collectors.toSet()))
                .as("every cell type released then").hasSize(13);
        expected.forEach((key, hex) -> {
            assertThat(HexFormat.of().formatHex(CellCodec.encodeKey(key))).as(key.toString()).isEqualTo(hex);
            assertThat(CellCodec.decodeKey(HexFormat.of().parseHex(hex))).isEqualTo(key);
        });
    }

    @Test
    void countersKeepTheirBytesAndRoundTrip() {
        long[] buckets = new long[CycleBuckets.COUNT];
        buckets[0] = 2;
        buckets[buckets.length - 1] = -1;
        Map<String, Map<String, Long>> losses = new LinkedHashMap<>();
        losses.put("lead", Map.of("PRICE", 2L));
        losses.put("proposal", Map.of("NO_BUDGET", -1L));
        Map<Counter<?>, String> expected = new LinkedHashMap<>();
        expected.put(new StageFlowCounts(1, 2, -3, 4, 86_400_000L),
                "0100000000000000010000000000000002fffffffffffffffd00000000000000040000000005265c"
                + "00");
        expected.put(new ConversionCounts(5, 6, 7, 8, -9),
                "020000000000000005000000000000000600000000000000070000000000000008ffffffffffffff"
                + "f7");
        expected.put(new Count(-1),
                "03ffffffffffffffff");
        expected.put(new ChannelCounts(1, 2, 3, new BigDecimal("1234.50"), 4, 5, new BigDecimal("-0.01"),
                new BigDecimal("99999999.99"), 6),
                "04000000000000000100000000000000020000000000000003020301e23a00000000000000040000"
                + "0000000000050201ff020502540be3ff0000000000000006");
        expected.put(new WeekCounts(new TreeMap<>(Map.of("lead", 3L, "won", 1L)), Map.of("PRICE", 1L),
                new BigDecimal("10.00"), 4),
                "05000200046c65616400000000000000030003776f6e000000000000000100010005505249434500"
                + "00000000000001020203e80000000000000004");
        expected.put(new PipelineCounts(3, 2, new BigDecimal("500.25")),
                "0600000000000000030000000000000002020300c369");
        expected.put(new SalesKpiCounts(1, 2, 3, new BigDecimal("7.70"), 123456789L, buckets),
                "070000000000000001000000000000000200000000000000030202030200000000075bcd15110000"
                + "00000000000200000000000000000000000000000000000000000000000000000000000000000000"
                + "00000000000000000000000000000000000000000000000000000000000000000000000000000000"
                + "00000000000000000000000000000000000000000000000000000000000000000000000000000000"
                + "000000000000ffffffffffffffff");
        expected.put(new ReviewCounts(new TreeMap<>(Map.of("lead", 2L)), losses, new BigDecimal("0.00"), 3),
                "08000100046c6561640000000000000002000200046c656164000100055052494345000000000000"
                + "0002000870726f706f73616c000100094e4f5f425544474554ffffffffffffffff02010000000000"
                + "00000003");
        expected.put(new Amount(new BigDecimal("42.42")),
                "0902021092");
        assertThat(expected.keySet().stream().map(Object::getClass).collect(Collectors.toSet()))
                .as("every counter type released then").hasSize(9);
        expected.forEach((counter, hex) -> {
            assertThat(HexFormat.of().formatHex(CellCodec.encodeCounter(counter))).as(counter.toString())
                    .isEqualTo(hex);
            assertThat(CellCodec.decodeCounter(HexFormat.of().parseHex(hex))).isEqualTo(counter);
        });
    }

    @Test
    void weekKeysSortByWeekAfterTheirPrefix() {
        List<byte[]> weeks = List.of(CellCodec.encodeKey(new WeekKey(Period.parse("2025-W52"))),
                CellCodec.encodeKey(new WeekKey(Period.parse("2026-W01"))), CellCodec.encodeKey(new WeekKey(W09)));
        for (int i = 0; i < weeks.size(); i++) {
            assertThat(weeks.get(i)[0]).isEqualTo(CellCodec.weekPrefix()[0]);
            if (i > 0) {
                assertThat(java.util.Arrays.compareUnsigned(weeks.get(i - 1), weeks.get(i))).isNegative();
            }
        }
    }

    @Test
    void anUnknownTagIsAClearError() {
        assertThatThrownBy(() -> CellCodec.decodeKey(new byte[] {99})).hasMessageContaining("unknown cell key tag 99");
        assertThatThrownBy(() -> CellCodec.decodeCounter(new byte[] {99}))
                .hasMessageContaining("unknown counter tag 99");
    }
}
