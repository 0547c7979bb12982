package dev.funnelstreams.streams.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelstreams.core.metrics.ChannelCostKey;
import dev.funnelstreams.core.metrics.ConversionKey;
import dev.funnelstreams.core.metrics.LossReasonKey;
import dev.funnelstreams.core.metrics.SnapshotKey;
import dev.funnelstreams.core.metrics.StageFlowKey;
import dev.funnelstreams.core.metrics.TargetKey;
import dev.funnelstreams.core.metrics.WeekKey;
import dev.funnelstreams.core.period.Period;
import dev.funnelstreams.streams.state.CellCodec;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The scan prefixes the API builds are prefixes of the store keys CellCodec writes, and only of the right ones. */
class CellPrefixTest {

    private static final Period W09 = Period.parse("2026-W09");

    @Test
    void prefixesMatchTheStoreKeysOfTheirCells() {
        assertPrefix(CellPrefix.of(CellCodec.STAGE_FLOW, "2026-W09", "channel", "expo"),
                new StageFlowKey(W09, "channel", "expo", "lead"));
        assertPrefix(CellPrefix.of(CellCodec.STAGE_FLOW, "2026-W09", "channel"),
                new StageFlowKey(W09, "channel", "线上广告", "won"));
        assertPrefix(CellPrefix.of(CellCodec.CONVERSION, "2026-W09", "all"),
                new ConversionKey(W09, "all", "all", "lead", "discovery"));
        assertPrefix(CellPrefix.of(CellCodec.LOSS_REASON, "2026-W09", "tier", "A"),
                new LossReasonKey(W09, "tier", "A", "proposal", "price"));
        assertPrefix(CellPrefix.of(CellCodec.CHANNEL_COST, "2026-03"),
                new ChannelCostKey(Period.parse("2026-03"), "expo"));
        assertPrefix(CellPrefix.of(CellCodec.SNAPSHOT, "owner"), new SnapshotKey("owner", "li.na", "lead"));
        assertPrefix(CellPrefix.of(CellCodec.TARGET, "2026-Q4"), new TargetKey(Period.parse("2026-Q4"), "won"));
        assertPrefix(CellPrefix.of(CellCodec.WEEK), new WeekKey(W09));
    }

    @Test
    void aValueIsNotThePrefixOfALongerValue() {
        byte[] prefix = CellPrefix.of(CellCodec.STAGE_FLOW, "2026-W09", "channel", "expo");
        byte[] longer = CellCodec.encodeKey(new StageFlowKey(W09, "channel", "expo2", "lead"));
        assertThat(startsWith(longer, prefix)).isFalse();
    }

    private static void assertPrefix(byte[] prefix, dev.funnelstreams.core.metrics.CellKey<?> key) {
        assertThat(startsWith(CellCodec.encodeKey(key), prefix)).as(key.toString()).isTrue();
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(Arrays.copyOf(bytes, prefix.length), prefix);
    }
}
