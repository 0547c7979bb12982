package dev.funnelstreams.core.metrics.view;

/** The output topics of SPEC section 4 and their batch file names (section 7). */
public enum OutputTopic {
    STAGE_FLOW("funnel.stage-flow"),
    CONVERSIONS("funnel.conversions"),
    LOSS_REASONS("funnel.loss-reasons"),
    CHANNEL_COSTS("funnel.channel-costs"),
    STAGE_SNAPSHOT("funnel.stage-snapshot"),
    TARGET_PROGRESS("funnel.target-progress"),
    WEEKLY_REVIEW("funnel.weekly-review"),
    PIPELINE("funnel.pipeline"),
    SALES_KPIS("funnel.sales-kpis"),
    PERIOD_REVIEW("funnel.period-review"),
    LEAD_STATE("funnel.lead-state"),
    ALERTS("funnel.alerts");

    private final String topic;

    OutputTopic(String topic) {
        this.topic = topic;
    }

    public String topic() {
        return topic;
    }

    /** {@code funnel.X} -> {@code X.jsonl}. */
    public String fileName() {
        return topic.substring("funnel.".length()) + ".jsonl";
    }
}
