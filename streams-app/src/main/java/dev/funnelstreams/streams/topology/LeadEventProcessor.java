package dev.funnelstreams.streams.topology;

import dev.funnelstreams.avroevents.AvroEvents;
import dev.funnelstreams.core.alert.Alert;
import dev.funnelstreams.core.alert.AlertType;
import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.event.EventValidator;
import dev.funnelstreams.core.event.LeadEvent;
import dev.funnelstreams.core.lead.HistoryUpdate;
import dev.funnelstreams.core.lead.LeadHistory;
import dev.funnelstreams.core.lead.LeadRecord;
import dev.funnelstreams.core.lead.LeadState;
import dev.funnelstreams.core.metrics.Contributions;
import dev.funnelstreams.core.metrics.LeadSteps;
import dev.funnelstreams.streams.StoreNames;
import dev.funnelstreams.streams.alert.AlertRecords;
import dev.funnelstreams.streams.alert.AlertTimers;
import dev.funnelstreams.streams.alert.CatchUpGate;
import dev.funnelstreams.streams.alert.LeadAlerts;
import dev.funnelstreams.streams.alert.TimerSettings;
import dev.funnelstreams.streams.avro.OutputRecords;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-lead step: decodes a lead event from its bytes, validates it with the core, applies it to the
 * lead's record ({@link LeadSteps}: an event in order continues the stored replay, a late one
 * replays the lead whole) and forwards the difference of the lead's metric contributions (cell
 * key -> counter delta) plus the lead's new state (once per lead and commit). Rejections leave as {@link DeadLetter}s. The lead's
 * alert timers move with it ({@link AlertTimers}); a wall-clock punctuator raises the due ones
 * once the task has caught up ({@link CatchUpGate}).
 *
 * <p>Cell deltas carry the event's occurredAt as timestamp, so that downstream stream time is
 * event time (the week clock of CONVERSION_DROP), also when history is produced long after it
 * happened.
 */
final class LeadEventProcessor implements Processor<byte[], byte[], Void, TaskOutput> {

    private static final Logger LOG = LoggerFactory.getLogger(LeadEventProcessor.class);

    private final FunnelConfig config;
    private final EventValidator validator;
    private final LeadSteps steps;
    private final Deserializer<dev.funnelstreams.avro.LeadEvent> deserializer;
    private final TimerSettings timerSettings;
    private final IgnoredFields ignored;
    private final PayloadTypes payloadTypes;
    private ProcessorContext<Void, TaskOutput> context;
    private KeyValueStore<String, LeadRecord> leads;
    private Rejections rejections;
    private RaisedAlerts raised;
    private AlertTimers timers;
    private CatchUpGate gate;
    /**
     * Each lead's latest {@code funnel.lead-state} record since the last commit, forwarded just before it
     * ({@link PreCommit}): a lead with several events in one commit interval (a backfill, an import)
     * writes its state once. The topic is an upsert by leadId, so only the latest was ever kept. Held as
     * the state and its record's timestamp; the output record is built when it is forwarded.
     */
    private final Map<String, HeldState> leadStates = new LinkedHashMap<>();

    private record HeldState(LeadState state, long timestamp) {
    }

    LeadEventProcessor(FunnelConfig config, Deserializer<dev.funnelstreams.avro.LeadEvent> deserializer,
            TimerSettings timerSettings, IgnoredFields ignored, PayloadTypes payloadTypes) {
        this.ignored = ignored;
        this.payloadTypes = payloadTypes;
        this.config = config;
        this.validator = new EventValidator(config);
        this.steps = new LeadSteps(config);
        this.deserializer = deserializer;
        this.timerSettings = timerSettings;
    }

    @Override
    public void init(ProcessorContext<Void, TaskOutput> context) {
        this.context = context;
        this.leads = context.getStateStore(StoreNames.LEAD_HISTORIES);
        this.rejections = new Rejections(context.metrics(), context.taskId().toString(), "lead-events");
        ignored.init(context.metrics(), context.taskId().toString(), "lead-events");
        this.raised = new RaisedAlerts(context.metrics(), context.taskId().toString(), "lead-events",
                List.of(AlertType.STALL, AlertType.FOLLOW_UP_OVERDUE));
        KeyValueStore<String, LeadAlerts> leadAlerts = context.getStateStore(StoreNames.LEAD_ALERTS);
        KeyValueStore<Bytes, byte[]> deadlines = context.getStateStore(StoreNames.ALERT_DEADLINES);
        this.timers = new AlertTimers(config, leadAlerts, deadlines, timerSettings.maxFires());
        this.gate = new CatchUpGate(timerSettings, context.currentSystemTimeMs());
        context.schedule(timerSettings.interval(), PunctuationType.WALL_CLOCK_TIME, this::punctuate);
        leadStates.clear();
        PreCommit.register(context, StoreNames.ALERT_DEADLINES, this::forwardLeadStates);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        String topic = context.recordMetadata().map(m -> m.topic()).orElse("");
        if (record.value() == null) {
            reject(record, DeadLetter.Code.UNDECODABLE, "value: missing (a tombstone is not a lead event)", "null");
            return;
        }
        if (record.value().length == 0) {
            reject(record, DeadLetter.Code.UNDECODABLE, "value: empty (0 bytes; a lead event is Avro in the Confluent"
                    + " wire format)", "empty");
            return;
        }
        dev.funnelstreams.avro.LeadEvent avro;
        try {
            avro = deserializer.deserialize(topic, record.headers(), record.value());
        } catch (SerializationException e) {
            reject(record, DeadLetter.Code.UNDECODABLE, "cannot decode: " + e.getMessage(), e.getClass().getName());
            return;
        }
        Optional<String> unknownType = payloadTypes.unknown(record.value());
        if (unknownType.isPresent()) {
            reject(record, DeadLetter.Code.INVALID, "type: unknown event type \"" + unknownType.get() + "\" (known: "
                    + payloadTypes.knownTypes() + ")", PayloadTypes.class.getName());
            return;
        }
        if (avro.getPayload() instanceof SpecificRecord payload) {
            ignored.count(record.value(), payload.getSchema().getName(), payload.getSchema().getFullName());
        }
        AvroEvents.Decoded<LeadEvent> decoded = AvroEvents.fromAvro(avro);
        if (!decoded.isOk()) {
            reject(record, DeadLetter.Code.INVALID, decoded.problem(), AvroEvents.class.getName());
            return;
        }
        LeadEvent event = decoded.event();
        Optional<String> problem = validator.check(event, Instant.ofEpochMilli(context.currentSystemTimeMs()));
        if (problem.isPresent()) {
            reject(record, DeadLetter.Code.INVALID, problem.get(), EventValidator.class.getName());
            return;
        }
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        if (!event.leadId().equals(key)) {
            reject(record, DeadLetter.Code.KEY_MISMATCH, "key " + (key == null ? "missing" : "\"" + key + "\"")
                    + " differs from leadId \"" + event.leadId() + "\" (lead events are keyed by leadId)",
                    LeadEventProcessor.class.getName());
            return;
        }
        // only a valid event moves the timers' event clock: a rejected one dated 9999 must not
        gate.arrived(context.currentSystemTimeMs(), event.occurredAt().toEpochMilli());
        LeadSteps.Step step = steps.apply(leads.get(key), event);
        switch (step.outcome()) {
            case DUPLICATE -> {
                // same eventId, same content: changes nothing
            }
            case CONFLICT -> reject(record, DeadLetter.Code.CONFLICT, HistoryUpdate.CONFLICT_REASON + " (eventId \""
                    + event.eventId() + "\")", LeadHistory.class.getName());
            case FULL -> reject(record, DeadLetter.Code.HISTORY_FULL, step.reason() + " (eventId \""
                    + event.eventId() + "\")", HistoryUpdate.class.getName());
            case NEW -> accept(record, event, step);
        }
    }

    private void accept(Record<byte[], byte[]> record, LeadEvent event, LeadSteps.Step step) {
        leads.put(step.record().leadId(), step.record());
        long eventTime = event.occurredAt().toEpochMilli();
        DeltaBuffer.forward(context, step.delta(), eventTime);
        LeadState state = step.after();
        if (state.enteredFunnel()) {
            leadStates.put(state.leadId(), new HeldState(state, record.timestamp()));
            if (leadStates.size() >= PreCommit.MAX_HELD) {
                forwardLeadStates();
            }
        }
        long now = context.currentSystemTimeMs();
        timers.leadChanged(step.before(), state, Instant.ofEpochMilli(now), emitter(now, eventTime));
    }

    private void forwardLeadStates() {
        leadStates.values().forEach(h -> context.forward(new Record<>(null, new TaskOutput.LeadStateChange(
                OutputRecords.leadStateKey(h.state().leadId()), OutputRecords.value(h.state())), h.timestamp())));
        leadStates.clear();
    }

    private void punctuate(long now) {
        if (gate.isOpen(now)) {
            timers.punctuate(Instant.ofEpochMilli(now), this::currentState, emitter(now, gate.eventTime()));
        }
    }

    private LeadState currentState(String leadId) {
        LeadRecord lead = leads.get(leadId);
        return lead == null ? null : lead.state(config);
    }

    /** Alerts are stamped with the wall clock (raisedAt), stalled cell deltas with event time. */
    private AlertTimers.Emitter emitter(long now, long eventTime) {
        return new AlertTimers.Emitter() {
            @Override
            public void alert(Alert alert) {
                context.forward(new Record<>(null, new TaskOutput.AlertChange(AlertRecords.key(alert.alertId()),
                        AlertRecords.value(alert)), now));
            }

            @Override
            public void raised(Alert alert) {
                raised.record(alert.type());
                alert(alert);
            }

            @Override
            public void retract(String alertId) {
                context.forward(new Record<>(null, new TaskOutput.AlertChange(AlertRecords.key(alertId), null), now));
            }

            @Override
            public void cells(Contributions delta) {
                DeltaBuffer.forward(context, delta, eventTime);
            }
        };
    }

    private void reject(Record<byte[], byte[]> record, DeadLetter.Code code, String reason, String errorClass) {
        rejections.record(code);
        context.recordMetadata().ifPresent(m -> LOG.debug("rejected {}-{}@{}: {}", m.topic(), m.partition(), m.offset(),
                code.tag()));
        context.forward(DeadLetter.of(context, record, code, reason, errorClass));
    }

    @Override
    public void close() {
        if (rejections != null) {
            rejections.close();
        }
        if (raised != null) {
            raised.close();
        }
        ignored.close();
    }
}
