package dev.funnelstreams.streams.avro;

import dev.funnelstreams.avro.out.Bottleneck;
import dev.funnelstreams.avro.out.LossReasonCount;
import dev.funnelstreams.avro.out.TargetStatus;
import dev.funnelstreams.avro.out.WeeklyPairChange;
import dev.funnelstreams.core.lead.LeadState;
import dev.funnelstreams.core.metrics.ChannelCostKey;
import dev.funnelstreams.core.metrics.ConversionKey;
import dev.funnelstreams.core.metrics.LossReasonKey;
import dev.funnelstreams.core.metrics.SnapshotKey;
import dev.funnelstreams.core.metrics.StageFlowKey;
import dev.funnelstreams.core.metrics.PipelineKey;
import dev.funnelstreams.core.metrics.ReviewKey;
import dev.funnelstreams.core.metrics.SalesKpiKey;
import dev.funnelstreams.core.metrics.view.PeriodReviewValue;
import dev.funnelstreams.core.metrics.view.PipelineValue;
import dev.funnelstreams.core.metrics.view.SalesKpiValue;
import dev.funnelstreams.core.metrics.view.TargetProgressKey;
import dev.funnelstreams.avro.out.CycleBucket;
import dev.funnelstreams.avro.out.PeriodBottleneck;
import dev.funnelstreams.avro.out.PeriodLossReasonCount;
import dev.funnelstreams.avro.out.PeriodPairChange;
import dev.funnelstreams.avro.out.StageLosses;
import dev.funnelstreams.core.metrics.WeekKey;
import dev.funnelstreams.core.metrics.view.ChannelCostValue;
import dev.funnelstreams.core.metrics.view.ConversionValue;
import dev.funnelstreams.core.metrics.view.LeadStateValue;
import dev.funnelstreams.core.metrics.view.LossReasonValue;
import dev.funnelstreams.core.metrics.view.StageFlowValue;
import dev.funnelstreams.core.metrics.view.StageSnapshotValue;
import dev.funnelstreams.core.metrics.view.TargetProgressValue;
import dev.funnelstreams.core.metrics.view.WeeklyReviewValue;
import java.math.BigDecimal;
import org.apache.avro.specific.SpecificRecord;
import java.math.RoundingMode;
import java.util.LinkedHashMap;

/**
 * The core's rendered output records (keys and values of SPEC section 4) as the Avro records of
 * the output topics. Money is rounded half-even to scale 2 here: Avro does not round.
 */
public final class OutputRecords {

    private OutputRecords() {
    }

    /** The Avro key of a key rendered by the core's cell table ({@code CellTable}). */
    public static SpecificRecord cellKey(Object key) {
        if (key instanceof StageFlowKey k) {
            return key(k);
        } else if (key instanceof ConversionKey k) {
            return key(k);
        } else if (key instanceof LossReasonKey k) {
            return key(k);
        } else if (key instanceof ChannelCostKey k) {
            return key(k);
        } else if (key instanceof SnapshotKey k) {
            return key(k);
        } else if (key instanceof PipelineKey k) {
            return key(k);
        } else if (key instanceof SalesKpiKey k) {
            return key(k);
        }
        throw new IllegalArgumentException("no Avro key for " + key.getClass());
    }

    /** The Avro value of a value rendered by the core's cell table. */
    public static SpecificRecord cellValue(Object value) {
        if (value instanceof StageFlowValue v) {
            return value(v);
        } else if (value instanceof ConversionValue v) {
            return value(v);
        } else if (value instanceof LossReasonValue v) {
            return value(v);
        } else if (value instanceof ChannelCostValue v) {
            return value(v);
        } else if (value instanceof StageSnapshotValue v) {
            return value(v);
        } else if (value instanceof PipelineValue v) {
            return value(v);
        } else if (value instanceof SalesKpiValue v) {
            return value(v);
        }
        throw new IllegalArgumentException("no Avro value for " + value.getClass());
    }

    public static dev.funnelstreams.avro.out.StageFlowKey key(StageFlowKey k) {
        return new dev.funnelstreams.avro.out.StageFlowKey(k.period().label(), k.dimension(), k.dimensionValue(),
                k.stage());
    }

    public static dev.funnelstreams.avro.out.StageFlowValue value(StageFlowValue v) {
        return new dev.funnelstreams.avro.out.StageFlowValue(v.reached(), v.entered(), v.lost(), v.exited(),
                v.meanDaysInStage());
    }

    public static dev.funnelstreams.avro.out.ConversionKey key(ConversionKey k) {
        return new dev.funnelstreams.avro.out.ConversionKey(k.period().label(), k.dimension(), k.dimensionValue(),
                k.fromStage(), k.toStage());
    }

    public static dev.funnelstreams.avro.out.ConversionValue value(ConversionValue v) {
        return new dev.funnelstreams.avro.out.ConversionValue(v.flowNumerator(), v.flowDenominator(), v.flowRate(),
                v.cohortSize(), v.cohortConverted(), v.cohortRate(), v.meanDaysToConvert(), v.mature());
    }

    public static dev.funnelstreams.avro.out.LossReasonKey key(LossReasonKey k) {
        return new dev.funnelstreams.avro.out.LossReasonKey(k.period().label(), k.dimension(), k.dimensionValue(),
                k.stage(), k.reason());
    }

    public static dev.funnelstreams.avro.out.LossReasonValue value(LossReasonValue v) {
        return new dev.funnelstreams.avro.out.LossReasonValue(v.count(), v.stageLosses(), v.share());
    }

    public static dev.funnelstreams.avro.out.ChannelCostKey key(ChannelCostKey k) {
        return new dev.funnelstreams.avro.out.ChannelCostKey(k.period().label(), k.channel());
    }

    public static dev.funnelstreams.avro.out.ChannelCostValue value(ChannelCostValue v) {
        return new dev.funnelstreams.avro.out.ChannelCostValue(money(v.spend()), v.leads(), v.opportunities(), v.won(),
                money(v.wonValue()), v.opportunitiesInPeriod(), v.wonInPeriod(), money(v.wonValueInPeriod()),
                money(v.costPerLead()), money(v.costPerOpportunity()), money(v.costPerWon()),
                v.leadToOpportunityRate(), v.roi());
    }

    public static dev.funnelstreams.avro.out.StageSnapshotKey key(SnapshotKey k) {
        return new dev.funnelstreams.avro.out.StageSnapshotKey(k.dimension(), k.dimensionValue(), k.stage());
    }

    public static dev.funnelstreams.avro.out.StageSnapshotValue value(StageSnapshotValue v) {
        return new dev.funnelstreams.avro.out.StageSnapshotValue(v.active(), v.stalled(), v.asOf());
    }

    public static dev.funnelstreams.avro.out.TargetProgressKey key(TargetProgressKey k) {
        return new dev.funnelstreams.avro.out.TargetProgressKey(k.period().label(), k.stage(), k.metric());
    }

    public static dev.funnelstreams.avro.out.TargetProgressValue value(TargetProgressValue v) {
        return new dev.funnelstreams.avro.out.TargetProgressValue(v.target(), v.actual(), v.ratio(), v.expectedByNow(),
                TargetStatus.valueOf(v.status().name()), money(v.targetValue()), money(v.actualValue()),
                money(v.expectedValueByNow()));
    }

    public static dev.funnelstreams.avro.out.PipelineKey key(PipelineKey k) {
        return new dev.funnelstreams.avro.out.PipelineKey(k.dimension(), k.dimensionValue(), k.stage());
    }

    public static dev.funnelstreams.avro.out.PipelineValue value(PipelineValue v) {
        return new dev.funnelstreams.avro.out.PipelineValue(v.openLeads(), v.valuedLeads(), money(v.openValue()),
                money(v.weightedValue()));
    }

    public static dev.funnelstreams.avro.out.SalesKpiKey key(SalesKpiKey k) {
        return new dev.funnelstreams.avro.out.SalesKpiKey(k.period().label(), k.dimension(), k.dimensionValue());
    }

    public static dev.funnelstreams.avro.out.SalesKpiValue value(SalesKpiValue v) {
        return new dev.funnelstreams.avro.out.SalesKpiValue(v.opportunities(), v.won(), v.lost(), v.winRate(),
                money(v.wonValue()), money(v.avgDealSize()), v.meanCycleDays(),
                v.cycleDaysHistogram().stream().map(b -> new CycleBucket(b.upTo(), b.count())).toList(),
                v.cycleDaysP50(), v.cycleDaysP90(), money(v.salesVelocityPerDay()));
    }

    public static dev.funnelstreams.avro.out.PeriodReviewKey key(ReviewKey k) {
        return new dev.funnelstreams.avro.out.PeriodReviewKey(k.period().label());
    }

    public static dev.funnelstreams.avro.out.PeriodReviewValue value(PeriodReviewValue v) {
        return new dev.funnelstreams.avro.out.PeriodReviewValue(v.newLeads(), v.previousPeriodLeads(),
                v.periodOverPeriod(),
                v.pairs().stream().map(p -> new PeriodPairChange(p.fromStage(), p.toStage(), p.flowRate(),
                        p.previousFlowRate(), p.changePoints())).toList(),
                v.bottleneck() == null ? null
                        : new PeriodBottleneck(v.bottleneck().fromStage(), v.bottleneck().toStage()),
                v.topLossReasons().stream().map(r -> new PeriodLossReasonCount(r.reason(), r.count())).toList(),
                v.won(), money(v.wonValue()),
                v.lossesByStage().stream().map(l -> new StageLosses(l.stage(), l.lost(), l.topReason())).toList());
    }

    public static dev.funnelstreams.avro.out.WeeklyReviewKey key(WeekKey k) {
        return new dev.funnelstreams.avro.out.WeeklyReviewKey(k.week().label());
    }

    public static dev.funnelstreams.avro.out.WeeklyReviewValue value(WeeklyReviewValue v) {
        return new dev.funnelstreams.avro.out.WeeklyReviewValue(v.newLeads(), v.previousWeekLeads(), v.weekOverWeek(),
                v.pairs().stream().map(p -> new WeeklyPairChange(p.fromStage(), p.toStage(), p.flowRate(),
                        p.previousFlowRate(), p.changePoints())).toList(),
                v.bottleneck() == null ? null : new Bottleneck(v.bottleneck().fromStage(), v.bottleneck().toStage()),
                v.topLossReasons().stream().map(r -> new LossReasonCount(r.reason(), r.count())).toList(),
                v.won(), money(v.wonValue()), v.stalledNow());
    }

    public static dev.funnelstreams.avro.out.LeadStateKey leadStateKey(String leadId) {
        return new dev.funnelstreams.avro.out.LeadStateKey(leadId);
    }

    public static dev.funnelstreams.avro.out.LeadStateValue value(LeadState state) {
        LeadStateValue v = LeadStateValue.of(state);
        return new dev.funnelstreams.avro.out.LeadStateValue(v.stage(), v.active(), v.enteredAt(),
                new LinkedHashMap<>(v.reachedAt()), v.owner(), v.tier(), v.channel(), v.lastTouchAt());
    }

    private static BigDecimal money(BigDecimal v) {
        return v == null ? null : v.setScale(2, RoundingMode.HALF_EVEN);
    }
}
