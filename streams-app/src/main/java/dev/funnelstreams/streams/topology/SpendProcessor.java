package dev.funnelstreams.streams.topology;

import dev.funnelstreams.avro.ChannelSpendKey;
import dev.funnelstreams.avroevents.AvroEvents;
import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.event.ChannelSpend;
import dev.funnelstreams.core.event.EventValidator;
import dev.funnelstreams.core.metrics.Contributions;
import dev.funnelstreams.core.metrics.Deltas;
import dev.funnelstreams.core.metrics.SpendKey;
import dev.funnelstreams.core.metrics.SpendVersions;
import dev.funnelstreams.streams.StoreNames;
import java.util.Optional;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Per-spend-key step: decodes and validates a ChannelSpend, adds the version to the key's
 * {@link SpendVersions} and forwards the change of the winner's spend in the channel-costs cells.
 */
final class SpendProcessor implements Processor<byte[], byte[], Void, TaskOutput> {

    private final FunnelConfig config;
    private final EventValidator validator;
    private final Deserializer<ChannelSpendKey> keys;
    private final Deserializer<dev.funnelstreams.avro.ChannelSpend> values;
    private final IgnoredFields ignored;
    private ProcessorContext<Void, TaskOutput> context;
    private KeyValueStore<String, SpendVersions> store;
    private Rejections rejections;

    SpendProcessor(FunnelConfig config, Deserializer<ChannelSpendKey> keys,
            Deserializer<dev.funnelstreams.avro.ChannelSpend> values, IgnoredFields ignored) {
        this.ignored = ignored;
        this.config = config;
        this.validator = new EventValidator(config);
        this.keys = keys;
        this.values = values;
    }

    @Override
    public void init(ProcessorContext<Void, TaskOutput> context) {
        this.context = context;
        this.store = context.getStateStore(StoreNames.SPEND_VERSIONS);
        this.rejections = new Rejections(context.metrics(), context.taskId().toString(), "channel-spend");
        ignored.init(context.metrics(), context.taskId().toString(), "channel-spend");
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        String topic = context.recordMetadata().map(m -> m.topic()).orElse("");
        if (record.value() == null || record.key() == null) {
            reject(record, DeadLetter.Code.UNDECODABLE, (record.key() == null ? "key" : "value")
                    + ": missing (a spend record needs its (channel, campaign, date) key and a value)", "null");
            return;
        }
        if (record.value().length == 0 || record.key().length == 0) {
            reject(record, DeadLetter.Code.UNDECODABLE, (record.key().length == 0 ? "key" : "value")
                    + ": empty (0 bytes; spend keys and values are Avro in the Confluent wire format)", "empty");
            return;
        }
        ChannelSpendKey key;
        dev.funnelstreams.avro.ChannelSpend avro;
        try {
            key = keys.deserialize(topic, record.headers(), record.key());
            avro = values.deserialize(topic, record.headers(), record.value());
        } catch (SerializationException e) {
            reject(record, DeadLetter.Code.UNDECODABLE, "cannot decode: " + e.getMessage(), e.getClass().getName());
            return;
        }
        ignored.count(record.value(), "ChannelSpend", null);
        ChannelSpend spend = AvroEvents.fromAvro(avro).event();
        Optional<String> problem = validator.check(spend);
        if (problem.isPresent()) {
            reject(record, DeadLetter.Code.INVALID, problem.get(), EventValidator.class.getName());
            return;
        }
        SpendKey spendKey = SpendKey.of(spend);
        if (!spendKey.equals(AvroEvents.fromAvro(key))) {
            reject(record, DeadLetter.Code.KEY_MISMATCH, "key " + AvroEvents.fromAvro(key)
                    + " differs from the value's (channel, campaign, date) " + spendKey, SpendProcessor.class.getName());
            return;
        }
        String storeKey = spendKey.channel() + '\u0000' + spendKey.campaign() + '\u0000' + spendKey.date();
        SpendVersions before = Optional.ofNullable(store.get(storeKey)).orElseGet(() -> SpendVersions.empty(spendKey));
        SpendVersions.Update update = before.apply(spend);
        switch (update.outcome()) {
            case DUPLICATE -> {
                // same eventId, same content: changes nothing
            }
            case CONFLICT -> reject(record, DeadLetter.Code.CONFLICT, "same eventId with different content (eventId \""
                    + spend.eventId() + "\")", SpendVersions.class.getName());
            case NEW -> {
                store.put(storeKey, update.versions());
                Contributions delta = Deltas.of(before.contributions(config), update.versions().contributions(config));
                // event time of spend: the start of its day (record timestamps are when it was produced)
                long eventTime = spend.date().atStartOfDay(config.timezone()).toInstant().toEpochMilli();
                DeltaBuffer.forward(context, delta, eventTime);
            }
        }
    }

    private void reject(Record<byte[], byte[]> record, DeadLetter.Code code, String reason, String errorClass) {
        rejections.record(code);
        context.forward(DeadLetter.of(context, record, code, reason, errorClass));
    }

    @Override
    public void close() {
        ignored.close();
        if (rejections != null) {
            rejections.close();
        }
    }
}
