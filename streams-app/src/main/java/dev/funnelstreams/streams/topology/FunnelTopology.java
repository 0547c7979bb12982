package dev.funnelstreams.streams.topology;

import dev.funnelstreams.avro.ChannelSpend;
import dev.funnelstreams.avro.ChannelSpendKey;
import dev.funnelstreams.avro.LeadEvent;
import dev.funnelstreams.avro.out.Alert;
import dev.funnelstreams.avro.out.AlertKey;
import dev.funnelstreams.avro.out.LeadStateKey;
import dev.funnelstreams.avro.out.LeadStateValue;
import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.metrics.view.OutputTopic;
import dev.funnelstreams.streams.SerdeFactory;
import dev.funnelstreams.streams.StoreNames;
import dev.funnelstreams.streams.Topics;
import dev.funnelstreams.streams.alert.LeadAlertsSerde;
import dev.funnelstreams.streams.alert.TimerSettings;
import dev.funnelstreams.streams.avro.OutputRecords;
import dev.funnelstreams.streams.state.LeadHistorySerde;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.BranchedKStream;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The funnel metrics topology: a pure function of the config, the topic names and the serdes (no
 * clock, no I/O; wall-clock values come from the processor context at emit time).
 *
 * <pre>
 * crm.lead-events ──► lead-events (decode, validate, history, replay, delta, ─┐   ┌► funnel.dlq
 *                     alert timers: lead-alerts, alert-deadlines)             │   ├► funnel.lead-state
 * marketing.channel-spend ──► channel-spend (decode, validate, versions) ─────┴─► ├► funnel.alerts
 *                                                                                 └► cell-delta-buffer (per task)
 *   ──► repartition "cell-deltas" (by cell) ──► cell-totals (sum, render) ──► funnel.stage-flow, ...
 *                                               (partition 0: closed-weeks) ──► funnel.alerts (CONVERSION_DROP)
 * </pre>
 */
public final class FunnelTopology {

    /**
     * Default flush interval of the per-task delta buffer: none, it is flushed just before each commit
     * (and when full). Under exactly-once a flush between commits makes nothing readable sooner.
     */
    public static final Duration DEFAULT_FLUSH_INTERVAL = null;

    private FunnelTopology() {
    }

    public static Topology build(FunnelConfig config, Topics topics, SerdeFactory serdes) {
        return build(config, topics, serdes, DEFAULT_FLUSH_INTERVAL);
    }

    public static Topology build(FunnelConfig config, Topics topics, SerdeFactory serdes, Duration flushInterval) {
        return build(config, topics, serdes, flushInterval, TimerSettings.DEFAULTS);
    }

    public static Topology build(FunnelConfig config, Topics topics, SerdeFactory serdes, Duration flushInterval,
            TimerSettings timers) {
        StreamsBuilder builder = new StreamsBuilder(namingEnforced());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.LEAD_HISTORIES),
                Serdes.String(), LeadHistorySerde.records()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.LEAD_ALERTS),
                Serdes.String(), LeadAlertsSerde.serde()).withCachingEnabled());
        // Ordered by due time and range-scanned by the timer punctuator: no cache in front of the scan.
        // It also carries the lead task's commit hook (its held lead-state records).
        builder.addStateStore(PreCommit.around(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.ALERT_DEADLINES), Serdes.Bytes(), Serdes.ByteArray()))
                .withCachingDisabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.CLOSED_WEEKS),
                Serdes.String(), Serdes.String()).withCachingDisabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.SPEND_VERSIONS),
                Serdes.String(), LeadHistorySerde.spendVersions()).withCachingEnabled());
        // Written only by a version that persisted the buffer per cell; here it carries the buffer's commit hook.
        builder.addStateStore(PreCommit.around(Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(StoreNames.CELL_DELTA_BUFFER), Serdes.Bytes(), Serdes.ByteArray())));
        builder.addStateStore(PreCommit.around(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.CELL_TOTALS), Serdes.Bytes(), Serdes.ByteArray()))
                .withCachingEnabled());

        KStream<Void, TaskOutput> leads = builder
                .stream(topics.leadEvents(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
                        .withName("lead-events-source"))
                .process(() -> new LeadEventProcessor(config, serdes.value(LeadEvent.class).deserializer(), timers,
                        new IgnoredFields(serdes.client(), LeadEvent.getClassSchema()),
                        new PayloadTypes(serdes.client(), LeadEvent.getClassSchema())),
                        Named.as("lead-events"), StoreNames.LEAD_HISTORIES, StoreNames.LEAD_ALERTS,
                        StoreNames.ALERT_DEADLINES);
        KStream<Void, TaskOutput> spend = builder
                .stream(topics.channelSpend(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
                        .withName("channel-spend-source"))
                .process(() -> new SpendProcessor(config, serdes.key(ChannelSpendKey.class).deserializer(),
                        serdes.value(ChannelSpend.class).deserializer(),
                        new IgnoredFields(serdes.client(), ChannelSpend.getClassSchema())), Named.as("channel-spend"),
                        StoreNames.SPEND_VERSIONS);

        // Each kind of task output to its own sink, typed: a pattern match picks the kind and its fields.
        KStream<Void, TaskOutput> inputs = leads.merge(spend, Named.as("inputs-merge"));
        inputs.flatMap((k, v) -> v instanceof DeadLetter d ? List.of(KeyValue.pair(d.key(), d.value())) : List.of(),
                        Named.as("route-dlq"))
                .to(topics.dlq(), Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("dlq-sink"));
        inputs.flatMap((k, v) -> v instanceof TaskOutput.LeadStateChange c ? List.of(KeyValue.pair(c.key(), c.value()))
                        : List.<KeyValue<LeadStateKey, LeadStateValue>>of(), Named.as("route-lead-state"))
                .to(topics.leadState(), Produced.with(serdes.key(LeadStateKey.class), serdes.value(LeadStateValue.class))
                        .withName("lead-state-sink"));
        inputs.flatMap((k, v) -> v instanceof TaskOutput.AlertChange a ? List.of(KeyValue.pair(a.key(), a.value()))
                        : List.<KeyValue<AlertKey, Alert>>of(), Named.as("route-alerts"))
                .to(topics.alerts(), Produced.with(serdes.key(AlertKey.class), serdes.value(Alert.class))
                        .withName("lead-alerts-sink"));
        KStream<Void, TaskOutput.CellDeltas> cells = inputs.flatMapValues(
                v -> v instanceof TaskOutput.CellDeltas c ? List.of(c) : List.<TaskOutput.CellDeltas>of(),
                Named.as("route-cells"));

        KStream<SpecificRecord, SpecificRecord> outputs = cells
                .process(() -> new DeltaBuffer(flushInterval), Named.as(StoreNames.CELL_DELTA_BUFFER + "-processor"),
                        StoreNames.CELL_DELTA_BUFFER)
                .repartition(Repartitioned.with(Serdes.ByteArray(), Serdes.ByteArray())
                        .withName(StoreNames.CELL_DELTAS_REPARTITION)
                        .withStreamPartitioner(new CellPartitioner()))
                .process(() -> new CellAggregator(config, timers.interval()),
                        Named.as(StoreNames.CELL_TOTALS + "-processor"), StoreNames.CELL_TOTALS, StoreNames.CLOSED_WEEKS);

        // Each output topic the aggregator writes (every one but the lead task's lead-state) gets its branch and
        // sink, picked by the Avro key's class.
        BranchedKStream<SpecificRecord, SpecificRecord> split = outputs.split(Named.as("out-"));
        for (OutputTopic t : OutputTopic.values()) {
            if (t != OutputTopic.LEAD_STATE) {
                Class<? extends SpecificRecord> keyClass = OutputRecords.keyClass(t);
                split = split.branch((k, v) -> keyClass.isInstance(k), Branched.withConsumer(
                        s -> to(s, topics.output(t), t == OutputTopic.ALERTS ? "conversion-drop-alerts-sink"
                                : t.shortName() + "-sink", serdes.key(keyClass), serdes.value(
                                OutputRecords.valueClass(t))), t.shortName()));
            }
        }
        split.noDefaultBranch();
        return builder.build();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void to(KStream stream, String topic, String name, Serde<?> keySerde, Serde<?> valueSerde) {
        stream.to(topic, Produced.with(keySerde, valueSerde).withName(name));
    }

    /**
     * Fails the build on any internal topic or store with a generated name. TopologyConfig needs a
     * StreamsConfig; the two required values are placeholders that are never used to connect. The
     * global processing exception handler is on, as in the app's config (ClientSettings): else this
     * StreamsConfig warns on every start that it is off.
     */
    private static TopologyConfig namingEnforced() {
        return new TopologyConfig(new StreamsConfig(Map.of(
                StreamsConfig.APPLICATION_ID_CONFIG, "topology-definition",
                StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:0",
                StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true,
                StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true)));
    }
}
