package dev.funnelstreams.streams;

import java.util.List;

/**
 * The topic names of the pipeline, shared by the topology, the topic admin and the HTTP layer; {@code rejected}
 * is written by the ingest connector, created with the others so that no broker auto-creates it.
 * The defaults are the SPEC's names; a record so that tests and deployments can prefix them.
 */
public record Topics(
        String leadEvents,
        String channelSpend,
        String stageFlow,
        String conversions,
        String lossReasons,
        String channelCosts,
        String stageSnapshot,
        String targetProgress,
        String weeklyReview,
        String leadState,
        String alerts,
        String dlq,
        String rejected,
        String pipeline,
        String salesKpis,
        String periodReview) {

    public static final String LEAD_EVENTS = "crm.lead-events";
    public static final String CHANNEL_SPEND = "marketing.channel-spend";
    public static final String STAGE_FLOW = "funnel.stage-flow";
    public static final String CONVERSIONS = "funnel.conversions";
    public static final String LOSS_REASONS = "funnel.loss-reasons";
    public static final String CHANNEL_COSTS = "funnel.channel-costs";
    public static final String STAGE_SNAPSHOT = "funnel.stage-snapshot";
    public static final String TARGET_PROGRESS = "funnel.target-progress";
    public static final String WEEKLY_REVIEW = "funnel.weekly-review";
    public static final String LEAD_STATE = "funnel.lead-state";
    public static final String ALERTS = "funnel.alerts";
    public static final String DLQ = "funnel.dlq";
    /** Rows the ingest connector could not map, with their reason (the connector's topic.rejected). */
    public static final String REJECTED = "crm.rejected";
    public static final String PIPELINE = "funnel.pipeline";
    public static final String SALES_KPIS = "funnel.sales-kpis";
    public static final String PERIOD_REVIEW = "funnel.period-review";

    /** The SPEC's topic names. */
    public static Topics defaults() {
        return prefixed("");
    }

    /** The SPEC's topic names with {@code prefix} in front (tests and benchmarks keep their runs apart this way). */
    public static Topics prefixed(String prefix) {
        return new Topics(prefix + LEAD_EVENTS, prefix + CHANNEL_SPEND, prefix + STAGE_FLOW, prefix + CONVERSIONS,
                prefix + LOSS_REASONS, prefix + CHANNEL_COSTS, prefix + STAGE_SNAPSHOT, prefix + TARGET_PROGRESS,
                prefix + WEEKLY_REVIEW, prefix + LEAD_STATE, prefix + ALERTS, prefix + DLQ, prefix + REJECTED,
                prefix + PIPELINE, prefix + SALES_KPIS, prefix + PERIOD_REVIEW);
    }

    /** The input topics. */
    public List<String> inputs() {
        return List.of(leadEvents, channelSpend);
    }

    /** The compacted upsert outputs (every output except the DLQ). */
    public List<String> upsertOutputs() {
        return List.of(stageFlow, conversions, lossReasons, channelCosts, stageSnapshot, targetProgress, weeklyReview,
                leadState, alerts, pipeline, salesKpis, periodReview);
    }
}
