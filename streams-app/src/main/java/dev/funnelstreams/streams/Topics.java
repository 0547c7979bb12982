package dev.funnelstreams.streams;

import dev.funnelstreams.core.metrics.view.OutputTopic;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The topic names of the pipeline, shared by the topology, the topic admin and the HTTP layer; {@code rejected}
 * is written by the ingest connector, created with the others so that no broker auto-creates it.
 * The defaults are the SPEC's names; {@code prefix} goes in front of every name, so that tests and deployments can
 * keep their runs apart. The output topics are the core's {@link OutputTopic}s: a new one needs nothing here.
 */
public record Topics(String prefix) {

    public static final String LEAD_EVENTS = "crm.lead-events";
    public static final String CHANNEL_SPEND = "marketing.channel-spend";
    public static final String ALERTS = OutputTopic.ALERTS.topic();
    public static final String DLQ = "funnel.dlq";
    /** Rows the ingest connector could not map, with their reason (the connector's topic.rejected). */
    public static final String REJECTED = "crm.rejected";

    /** The SPEC's topic names. */
    public static Topics defaults() {
        return prefixed("");
    }

    /** The SPEC's topic names with {@code prefix} in front (tests and benchmarks keep their runs apart this way). */
    public static Topics prefixed(String prefix) {
        return new Topics(prefix);
    }

    public String leadEvents() {
        return prefix + LEAD_EVENTS;
    }

    public String channelSpend() {
        return prefix + CHANNEL_SPEND;
    }

    public String dlq() {
        return prefix + DLQ;
    }

    public String rejected() {
        return prefix + REJECTED;
    }

    /** The name of an output topic. */
    public String output(OutputTopic topic) {
        return prefix + topic.topic();
    }

    public String stageFlow() {
        return output(OutputTopic.STAGE_FLOW);
    }

    public String conversions() {
        return output(OutputTopic.CONVERSIONS);
    }

    public String lossReasons() {
        return output(OutputTopic.LOSS_REASONS);
    }

    public String channelCosts() {
        return output(OutputTopic.CHANNEL_COSTS);
    }

    public String stageSnapshot() {
        return output(OutputTopic.STAGE_SNAPSHOT);
    }

    public String targetProgress() {
        return output(OutputTopic.TARGET_PROGRESS);
    }

    public String weeklyReview() {
        return output(OutputTopic.WEEKLY_REVIEW);
    }

    public String leadState() {
        return output(OutputTopic.LEAD_STATE);
    }

    public String alerts() {
        return output(OutputTopic.ALERTS);
    }

    public String pipeline() {
        return output(OutputTopic.PIPELINE);
    }

    public String salesKpis() {
        return output(OutputTopic.SALES_KPIS);
    }

    public String periodReview() {
        return output(OutputTopic.PERIOD_REVIEW);
    }

    /** The input topics. */
    public List<String> inputs() {
        return List.of(leadEvents(), channelSpend());
    }

    /** Every topic of the pipeline: the inputs, the upsert outputs, the DLQ and the connector's rejected rows. */
    public List<String> all() {
        List<String> out = new ArrayList<>(inputs());
        out.addAll(upsertOutputs());
        out.add(dlq());
        out.add(rejected());
        return out;
    }

    /** The compacted upsert outputs (every output except the DLQ). */
    public List<String> upsertOutputs() {
        return Arrays.stream(OutputTopic.values()).map(this::output).toList();
    }
}
