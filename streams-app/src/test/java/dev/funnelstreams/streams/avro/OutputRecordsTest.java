package dev.funnelstreams.streams.avro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnelstreams.avro.out.TargetStatus;
import dev.funnelstreams.core.metrics.StageFlowKey;
import dev.funnelstreams.core.metrics.view.OutputTopic;
import dev.funnelstreams.core.metrics.view.PipelineValue;
import dev.funnelstreams.core.metrics.view.SalesKpiValue;
import dev.funnelstreams.core.metrics.view.StageSnapshotValue;
import dev.funnelstreams.core.metrics.view.TargetProgressValue;
import dev.funnelstreams.core.period.Period;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The mapping rules by hand; the differential tests map every topic's records of a generated history. */
class OutputRecordsTest {

    @Test
    void everyOutputTopicHasItsAvroClasses() {
        for (OutputTopic t : OutputTopic.values()) {
            assertThat(OutputRecords.keyClass(t).getSimpleName()).isEqualTo(t.avroKey());
            assertThat(OutputRecords.valueClass(t).getSimpleName()).isEqualTo(t.avroValue());
        }
    }

    @Test
    void aPeriodBecomesItsLabel() {
        var key = (dev.funnelstreams.avro.out.StageFlowKey) OutputRecords.key(OutputTopic.STAGE_FLOW,
                new StageFlowKey(Period.parse("2026-W09"), "channel", "展会", "lead"));
        assertThat(key).isEqualTo(new dev.funnelstreams.avro.out.StageFlowKey("2026-W09", "channel", "展会", "lead"));
    }

    @Test
    void moneyIsRoundedHalfEvenToTheSchemasScaleAndNullStaysNull() {
        var v = (dev.funnelstreams.avro.out.PipelineValue) OutputRecords.value(OutputTopic.PIPELINE,
                new PipelineValue(2, 1, new BigDecimal("10.005"), new BigDecimal("10.015")));
        assertThat(v.getOpenValue()).isEqualTo(new BigDecimal("10.00"));
        assertThat(v.getWeightedValue()).isEqualTo(new BigDecimal("10.02"));
        var none = (dev.funnelstreams.avro.out.PipelineValue) OutputRecords.value(OutputTopic.PIPELINE,
                new PipelineValue(2, 0, new BigDecimal("0"), null));
        assertThat(none.getOpenValue()).isEqualTo(new BigDecimal("0.00"));
        assertThat(none.getWeightedValue()).isNull();
    }

    @Test
    void enumsInstantsAndNestedListsMap() {
        var target = (dev.funnelstreams.avro.out.TargetProgressValue) OutputRecords.value(OutputTopic.TARGET_PROGRESS,
                new TargetProgressValue(10L, 4L, 0.4, 0.5, dev.funnelstreams.core.metrics.view.TargetStatus.BEHIND,
                        null, null, null));
        assertThat(target.getStatus()).isEqualTo(TargetStatus.BEHIND);
        assertThat(target.getTargetValue()).isNull();

        Instant asOf = Instant.parse("2026-03-01T08:00:00.123Z");
        var snapshot = (dev.funnelstreams.avro.out.StageSnapshotValue) OutputRecords.value(
                OutputTopic.STAGE_SNAPSHOT, new StageSnapshotValue(3, 1, asOf));
        assertThat(snapshot.getAsOf()).isEqualTo(asOf);

        var kpis = (dev.funnelstreams.avro.out.SalesKpiValue) OutputRecords.value(OutputTopic.SALES_KPIS,
                new SalesKpiValue(4, 2, 1, 0.5, new BigDecimal("100.125"), new BigDecimal("50.0625"), 12.5,
                        List.of(new SalesKpiValue.Bucket(7, 1), new SalesKpiValue.Bucket(null, 1)), 7, 30,
                        new BigDecimal("1.333")));
        assertThat(kpis.getCycleDaysHistogram()).extracting(b -> b.getUpTo() + ":" + b.getCount())
                .containsExactly("7:1", "null:1");
        assertThat(kpis.getWonValue()).isEqualTo(new BigDecimal("100.12"));
        assertThat(OutputRecords.value(OutputTopic.SALES_KPIS, null)).isNull();
    }

    /** A core record whose fields differ from its Avro record's fails on first use, naming both. */
    @Test
    void aFieldMismatchIsAClearError() {
        assertThatThrownBy(() -> OutputRecords.key(OutputTopic.STAGE_FLOW, new NotAStageFlowKey("2026-W09", "all")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fields differ")
                .hasMessageContaining("NotAStageFlowKey")
                .hasMessageContaining("dev.funnelstreams.avro.out.StageFlowKey");
    }

    record NotAStageFlowKey(String period, String dimension) {
    }
}
