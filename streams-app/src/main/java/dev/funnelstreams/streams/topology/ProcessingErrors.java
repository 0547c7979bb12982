package dev.funnelstreams.streams.topology;

import dev.funnelstreams.registry.RegistryAuthorizationException;
import dev.funnelstreams.registry.RegistryUnavailableException;
import dev.funnelstreams.streams.Causes;
import dev.funnelstreams.streams.Topics;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Streams' processing exception handler (KIP-1033, with KIP-1034's dead-letter records): an
 * unexpected exception while processing one record sends that record's source bytes to {@code funnel.dlq}
 * with reason code {@code processing-error} and the exception class, and processing goes on; a dead stream
 * thread and a crash loop on restart would be worse than one record set aside. A registry outage is not the
 * record's fault: it fails, so that {@link RegistryOutage} waits and the record is processed again.
 */
public final class ProcessingErrors implements ProcessingExceptionHandler {

    /** Streams config key (passed through to the handler) naming the DLQ topic; default {@link Topics#DLQ}. */
    public static final String DLQ_TOPIC_CONFIG = "funnel.dlq.topic";
    /**
     * Streams config key holding an {@link AtomicLong} that counts the records this handler sent to the DLQ (one
     * per app instance; the handler itself is created by Kafka Streams).
     */
    public static final String COUNTER_CONFIG = "funnel.dlq.processing.errors";
    static final String CODE = "processing-error";
    /** A reason header is a line, not a stack: at most this many characters of the exception's message. */
    private static final int MAX_MESSAGE = 500;
    private static final Logger LOG = LoggerFactory.getLogger(ProcessingErrors.class);

    private String dlqTopic = Topics.DLQ;
    private AtomicLong counter = new AtomicLong();

    @Override
    public void configure(Map<String, ?> configs) {
        Object topic = configs.get(DLQ_TOPIC_CONFIG);
        if (topic != null) {
            dlqTopic = topic.toString();
        }
        if (configs.get(COUNTER_CONFIG) instanceof AtomicLong shared) {
            counter = shared;
        }
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        if (isRegistryOutage(exception)) {
            return Response.fail();
        }
        counter.incrementAndGet();
        LOG.warn("processing error on {}-{}@{} in {}: {}; record sent to {}", context.topic(), context.partition(),
                context.offset(), context.processorNodeId(), exception.getClass().getName(), dlqTopic);
        Headers headers = new RecordHeaders(context.headers().toArray());
        DeadLetter.describe(headers, CODE, "processing error in " + context.processorNodeId() + ": "
                + exception.getClass().getSimpleName() + ": " + abbreviate(String.valueOf(exception.getMessage())),
                exception.getClass().getName(), new Source(context.topic(), context.partition(), context.offset()));
        byte[] value = DeadLetter.fit(context.sourceRawKey(), context.sourceRawValue(), headers);
        return Response.resume(List.of(new ProducerRecord<>(dlqTopic, null, context.timestamp() < 0 ? null
                : context.timestamp(), context.sourceRawKey(), value, headers)));
    }

    /** The failed record's coordinates, as the DLQ headers take them. */
    private record Source(String topic, int partition, long offset) implements RecordMetadata {
    }

    /** True when {@code e} or one of its causes says the schema registry cannot be reached or refuses us. */
    public static boolean isRegistryOutage(Throwable e) {
        return registryOutage(e).isPresent();
    }

    /** The registry's exception among {@code e} and its causes, if any. */
    public static Optional<Throwable> registryOutage(Throwable e) {
        return Causes.first(e, t -> t instanceof RegistryUnavailableException
                || t instanceof RegistryAuthorizationException);
    }

    private static String abbreviate(String message) {
        String line = message.replace('\n', ' ');
        return line.length() <= MAX_MESSAGE ? line : line.substring(0, MAX_MESSAGE) + "...";
    }
}
