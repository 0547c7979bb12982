package dev.funnelstreams.core.metrics.view;

/**
 * The output topics of SPEC section 4, their batch file names (section 7) and the names of their Avro key and value
 * records (schemas/src/main/avro/output; the streaming app maps the core's records onto them by field name).
 */
public enum OutputTopic {
    STAGE_FLOW("funnel.stage-flow", "StageFlowKey", "StageFlowValue"),
    CONVERSIONS("funnel.conversions", "ConversionKey", "ConversionValue"),
    LOSS_REASONS("funnel.loss-reasons", "LossReasonKey", "LossReasonValue"),
    CHANNEL_COSTS("funnel.channel-costs", "ChannelCostKey", "ChannelCostValue"),
    STAGE_SNAPSHOT("funnel.stage-snapshot", "StageSnapshotKey", "StageSnapshotValue"),
    TARGET_PROGRESS("funnel.target-progress", "TargetProgressKey", "TargetProgressValue"),
    WEEKLY_REVIEW("funnel.weekly-review", "WeeklyReviewKey", "WeeklyReviewValue"),
    PIPELINE("funnel.pipeline", "PipelineKey", "PipelineValue"),
    SALES_KPIS("funnel.sales-kpis", "SalesKpiKey", "SalesKpiValue"),
    PERIOD_REVIEW("funnel.period-review", "PeriodReviewKey", "PeriodReviewValue"),
    LEAD_STATE("funnel.lead-state", "LeadStateKey", "LeadStateValue"),
    ALERTS("funnel.alerts", "AlertKey", "Alert");

    private final String topic;
    private final String avroKey;
    private final String avroValue;

    OutputTopic(String topic, String avroKey, String avroValue) {
        this.topic = topic;
        this.avroKey = avroKey;
        this.avroValue = avroValue;
    }

    public String topic() {
        return topic;
    }

    /** The simple name of the topic's Avro key record. */
    public String avroKey() {
        return avroKey;
    }

    /** The simple name of the topic's Avro value record. */
    public String avroValue() {
        return avroValue;
    }

    /** {@code funnel.X} -> {@code X}: the topic's name without the namespace (sink and branch names). */
    public String shortName() {
        return topic.substring("funnel.".length());
    }

    /** {@code funnel.X} -> {@code X.jsonl}. */
    public String fileName() {
        return shortName() + ".jsonl";
    }
}
