package dev.funnelstreams.streams.runtime;

import dev.funnelstreams.avro.ChannelSpendKey;
import dev.funnelstreams.avro.LeadEvent;
import dev.funnelstreams.avroevents.AvroEvents;
import dev.funnelstreams.core.event.EventJson;
import dev.funnelstreams.core.event.EventValidator;
import dev.funnelstreams.core.event.ParseResult;
import dev.funnelstreams.streams.AppConfig;
import dev.funnelstreams.streams.SerdeFactory;
import dev.funnelstreams.streams.Topics;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPInputStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Produces canonical JSON lines (lead events and ChannelSpend, optionally gzipped) to the input
 * topics, Avro-encoded: lines the core rejects are reported with their number and not sent.
 * Idempotent producer, acks=all; the summary is printed after every send is acknowledged.
 */
public final class EventProducer {

    /** A line that was not produced. */
    public record Rejected(long line, String reason) {
    }

    /** What a run did. */
    public record Summary(long lines, long leadEvents, long spend, List<Rejected> rejected,
            Map<String, Long> ignoredFields) {

        public String describe() {
            return String.format("%d lines: %d lead events, %d channel spend produced; %d rejected", lines,
                    leadEvents, spend, rejected.size())
                    + (ignoredFields.isEmpty() ? "" : "; ignored fields (not defined for their event type): "
                            + ignoredFields.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                                    .collect(java.util.stream.Collectors.joining(", ")));
        }
    }

    private final AppConfig config;
    private final Topics topics;
    private final SerdeFactory serdes;
    private final Clock clock;

    public EventProducer(AppConfig config, Topics topics, SerdeFactory serdes, Clock clock) {
        this.config = config;
        this.topics = topics;
        this.serdes = serdes;
        this.clock = clock;
    }

    public Summary produce(Path file) throws IOException {
        try (Producer<byte[], byte[]> producer = new KafkaProducer<>(ClientSettings.producer(config),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            Summary s = produce(file, producer);
            producer.flush();
            return s;
        }
    }

    Summary produce(Path file, Producer<byte[], byte[]> producer) throws IOException {
        EventValidator validator = new EventValidator(config.funnel());
        Serializer<String> keys = new StringSerializer();
        Serializer<LeadEvent> leadValues = serdes.value(LeadEvent.class).serializer();
        Serializer<ChannelSpendKey> spendKeys = serdes.key(ChannelSpendKey.class).serializer();
        Serializer<dev.funnelstreams.avro.ChannelSpend> spendValues =
                serdes.value(dev.funnelstreams.avro.ChannelSpend.class).serializer();
        List<Rejected> rejected = new ArrayList<>();
        Map<String, Long> ignored = new TreeMap<>();
        AtomicLong leads = new AtomicLong();
        AtomicLong spend = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        long n = 0;
        try (BufferedReader in = reader(file)) {
            String line;
            while ((line = in.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                ParseResult parsed = EventJson.parse(line);
                parsed.ignoredFields().forEach(f -> ignored.merge(f, 1L, Long::sum));
                Optional<String> problem = validator.check(parsed, clock.instant());
                if (problem.isPresent()) {
                    rejected.add(new Rejected(n, problem.get()));
                    continue;
                }
                if (parsed instanceof ParseResult.Lead l) {
                    String key = l.event().leadId();
                    producer.send(new ProducerRecord<>(topics.leadEvents(), keys.serialize(topics.leadEvents(), key),
                            leadValues.serialize(topics.leadEvents(), AvroEvents.toAvro(l.event()))),
                            callback(failure, leads));
                } else {
                    var s = ((ParseResult.Spend) parsed).spend();
                    producer.send(new ProducerRecord<>(topics.channelSpend(),
                            spendKeys.serialize(topics.channelSpend(), AvroEvents.keyOf(s)),
                            spendValues.serialize(topics.channelSpend(), AvroEvents.toAvro(s))), callback(failure, spend));
                }
                if (failure.get() != null) {
                    break;
                }
            }
        }
        producer.flush();
        if (failure.get() != null) {
            throw new IOException("producing failed: " + failure.get().getMessage(), failure.get());
        }
        return new Summary(n, leads.get(), spend.get(), rejected, ignored);
    }

    private static org.apache.kafka.clients.producer.Callback callback(AtomicReference<Exception> failure,
            AtomicLong count) {
        return (metadata, e) -> {
            if (e != null) {
                failure.compareAndSet(null, e);
            } else {
                count.incrementAndGet();
            }
        };
    }

    private static BufferedReader reader(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        if (file.getFileName().toString().endsWith(".gz")) {
            in = new GZIPInputStream(in, 1 << 16);
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    }
}
