package dev.funnelstreams.streams.topology;

import dev.funnelstreams.core.metrics.CellKey;
import dev.funnelstreams.core.metrics.LossReasonKey;
import dev.funnelstreams.core.metrics.StalledKey;
import dev.funnelstreams.core.metrics.view.CellTable;
import dev.funnelstreams.streams.state.CellCodec;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Partitions the cell deltas so that cells read together meet in one task: a loss-reason cell
 * goes with its stage-flow cell (whose {@code lost} is the share's denominator), and a stalled cell
 * with its stage-snapshot cell. The types the cell table does not render ({@code Entry.rendered()}
 * false) go to partition 0: week cells (a week's review reads the week before), period-review cells
 * (likewise), the count and money target cells (the target refresh emits all targets) and the
 * stalledNow cell (the current week's review reads it). Those are one cell per period or per target:
 * few records after pre-aggregation. Any other cell, a new metric's included, is partitioned by its
 * own key.
 */
final class CellPartitioner implements StreamPartitioner<byte[], byte[]> {

    @Override
    public Optional<Set<Integer>> partitions(String topic, byte[] key, byte[] value, int numPartitions) {
        byte tag = key[0];
        if (!CellTable.typeOfTag(tag).rendered()) {
            return Optional.of(Set.of(0));
        }
        byte[] colocation = key;
        if (tag == CellCodec.LOSS_REASON) {
            CellKey<?> cell = CellCodec.decodeKey(key);
            colocation = CellCodec.encodeKey(((LossReasonKey) cell).stageFlowKey());
        } else if (tag == CellCodec.STALLED) {
            colocation = CellCodec.encodeKey(((StalledKey) CellCodec.decodeKey(key)).snapshotKey());
        }
        return Optional.of(Set.of(Utils.toPositive(Utils.murmur2(colocation)) % numPartitions));
    }

    /** Partition 0 owns the week and target cells. */
    static boolean ownsWeeksAndTargets(int partition) {
        return partition == 0;
    }
}
