package dev.funnelstreams.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelstreams.avro.ChannelSpendKey;
import dev.funnelstreams.avro.LeadEvent;
import dev.funnelstreams.avroevents.AvroEvents;
import dev.funnelstreams.core.event.EventJson;
import dev.funnelstreams.core.event.ParseResult;
import dev.funnelstreams.core.lead.LeadRecord;
import dev.funnelstreams.core.metrics.SpendVersions;
import dev.funnelstreams.core.report.BatchReport;
import dev.funnelstreams.core.report.BatchResult;
import dev.funnelstreams.streams.AppConfig;
import dev.funnelstreams.streams.SerdeFactory;
import dev.funnelstreams.streams.StoreNames;
import dev.funnelstreams.streams.Topics;
import dev.funnelstreams.streams.runtime.ClientSettings;
import dev.funnelstreams.streams.runtime.FunnelStreamsApp;
import dev.funnelstreams.streams.runtime.TopicAdmin;
import dev.funnelstreams.streams.state.LeadHistorySerde;
import dev.funnelstreams.testkit.TestCluster;
import dev.funnelstreams.testkit.WithKafkaAndRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.ThreadMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad-input corpus ({@code src/test/resources/bad-input/}) mixed into a generated log, written straight to
 * the input topics with a raw byte producer, on the real broker and Apicurio registry with the app running:
 * the app stays RUNNING on its stream threads (none replaced), every corpus record is in {@code funnel.dlq} with
 * its reason code, reason and original bytes (or in the metrics, for the accepted ones), the counts add up from the
 * topics and from the app's counters, and the outputs equal the batch report on the accepted lines.
 */
@WithKafkaAndRegistry
class BadInputCorpusIT {

    private static final String PREFIX = "corpus-it.";
    private static final Pattern ERROR_LINE = Pattern.compile("\\bERROR\\b");

    private TestCluster cluster;

    @TempDir
    Path tmp;

    @Test
    void everyCorpusRecordLandsInTheDlqWithItsReasonOrIsAcceptedAndTheAppKeepsRunning() throws Exception {
        long t0 = System.nanoTime();
        List<BadInputCorpus.Entry> corpus = BadInputCorpus.load();
        assertThat(corpus.stream().filter(BadInputCorpus.Entry::rejected).map(e -> e.file() + e.schema() + e.key())
                .distinct().count()).as("kinds of rejected record").isGreaterThanOrEqualTo(30);
        List<String> generated = FunnelTopologyDifferentialTest.generated(11, 150, 120);

        AppConfig config = PipelineHarness.config(cluster, "corpus-it", tmp.resolve("state"));
        Topics topics = PipelineHarness.prefixed(PREFIX);
        SerdeFactory serdes = SerdeFactory.of(config.registry());
        TopicAdmin.createMissing(config, topics);
        Map<String, Integer> ids = BadInputCorpus.register(cluster.registryUrl(), "bad-input-corpus");

        Serializer<LeadEvent> leadValues = serdes.value(LeadEvent.class).serializer();
        Serializer<ChannelSpendKey> spendKeys = serdes.key(ChannelSpendKey.class).serializer();
        Serializer<dev.funnelstreams.avro.ChannelSpend> spendValues =
                serdes.value(dev.funnelstreams.avro.ChannelSpend.class).serializer();
        List<BadInputCorpus.Encoded> bad = corpus.stream()
                .map(e -> BadInputCorpus.encode(e, ids, k -> spendKeys.serialize(topics.channelSpend(), k))).toList();

        // the generated log, with the corpus records spread through it in manifest order
        List<ProducerRecord<byte[], byte[]>> log = new ArrayList<>();
        Map<Integer, BadInputCorpus.Entry> corpusAt = new HashMap<>();
        int gap = generated.size() / (bad.size() + 1);
        Serializer<String> strings = new StringSerializer();
        for (int i = 0, next = 0; i < generated.size(); i++) {
            if (next < bad.size() && i == (next + 1) * gap) {
                BadInputCorpus.Encoded b = bad.get(next++);
                corpusAt.put(log.size(), b.entry());
                log.add(new ProducerRecord<>(b.entry().lead() ? topics.leadEvents() : topics.channelSpend(), b.key(),
                        b.value()));
            }
            ParseResult parsed = EventJson.parse(generated.get(i));
            if (parsed instanceof ParseResult.Lead l) {
                log.add(new ProducerRecord<>(topics.leadEvents(), strings.serialize(null, l.event().leadId()),
                        leadValues.serialize(topics.leadEvents(), AvroEvents.toAvro(l.event()))));
            } else {
                var s = ((ParseResult.Spend) parsed).spend();
                log.add(new ProducerRecord<>(topics.channelSpend(), spendKeys.serialize(topics.channelSpend(),
                        AvroEvents.keyOf(s)), spendValues.serialize(topics.channelSpend(), AvroEvents.toAvro(s))));
            }
        }
        assertThat(corpusAt).hasSize(bad.size());
        Map<String, BadInputCorpus.Entry> byCoordinates = new HashMap<>();
        try (KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(ClientSettings.producer(config),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            List<Future<RecordMetadata>> sent = log.stream().map(raw::send).toList();
            raw.flush();
            for (Map.Entry<Integer, BadInputCorpus.Entry> c : corpusAt.entrySet()) {
                RecordMetadata m = sent.get(c.getKey()).get();
                byCoordinates.put(m.topic() + "-" + m.partition() + "@" + m.offset(), c.getValue());
            }
        }
        System.out.printf("produced %d records (%d corpus) in %.1f s%n", log.size(), bad.size(),
                (System.nanoTime() - t0) / 1e9);

        // the batch report on the same file's good lines: the generated ones and the corpus lines the app accepts
        List<String> good = new ArrayList<>(generated);
        corpus.stream().filter(e -> !e.rejected()).forEach(e -> good.add(BadInputCorpus.line(e)));
        BatchResult batch = BatchReport.run(FunnelTopologyDifferentialTest.CONFIG, good.iterator(), Optional.empty());
        assertThat(batch.stats().rejected()).as("batch rejections of the good lines").isZero();

        List<String> states = new CopyOnWriteArrayList<>();
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        long start = System.nanoTime();
        Map<String, Double> rejectedByCode;
        Map<String, Double> ignoredByField;
        String scraped;
        Set<String> threadsAtStart;
        Set<String> threadsAtEnd;
        // slf4j-simple writes to the current System.err: tee it, so the app's log lines of this run can be read
        System.setErr(new PrintStream(new TeeStream(stderr, captured), true, StandardCharsets.UTF_8));
        try (FunnelStreamsApp app = FunnelStreamsApp.start(config, topics)) {
            Thread watcher = watch(app, states);
            PipelineHarness.awaitCaughtUp(config, topics);
            System.out.printf("caught up in %.1f s%n", (System.nanoTime() - start) / 1e9);
            threadsAtStart = threadNames(app.streams());
            rejectedByCode = metricTotals(app.streams(), "rejected-(.+)-total", null);
            ignoredByField = metricTotals(app.streams(), "ignored-field-total", "funnel-input-id");
            scraped = HttpClient.newHttpClient().send(HttpRequest.newBuilder(app.httpUri().orElseThrow()
                    .resolve("/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
            threadsAtEnd = threadNames(app.streams());
            watcher.interrupt();
            assertThat(app.state()).isEqualTo(KafkaStreams.State.RUNNING);
            PipelineHarness.assertNoThreadReplaced(app.streams(), config);
        } finally {
            System.setErr(stderr);
        }

        // every corpus record that must be rejected is in the DLQ once, with its code, reason and original bytes
        List<ConsumerRecord<byte[], byte[]>> dlq = PipelineHarness.readAll(config, topics.dlq());
        Map<BadInputCorpus.Entry, ConsumerRecord<byte[], byte[]>> found = new HashMap<>();
        List<String> strays = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : dlq) {
            String at = header(r, DeadLetter.SOURCE_TOPIC) + "-" + header(r, DeadLetter.SOURCE_PARTITION) + "@"
                    + header(r, DeadLetter.SOURCE_OFFSET);
            BadInputCorpus.Entry e = byCoordinates.get(at);
            if (e == null || found.put(e, r) != null) {
                strays.add(at + " " + header(r, DeadLetter.REASON_CODE) + ": " + header(r, DeadLetter.REASON));
            }
        }
        assertThat(strays).as("DLQ records that are no rejected corpus record (or a second one)").isEmpty();
        Map<Boolean, List<BadInputCorpus.Entry>> split = bad.stream().map(BadInputCorpus.Encoded::entry)
                .collect(Collectors.partitioningBy(BadInputCorpus.Entry::rejected));
        assertThat(split.get(false)).as("accepted corpus records").noneMatch(found::containsKey);
        List<String> wrong = new ArrayList<>();
        for (BadInputCorpus.Encoded b : bad) {
            BadInputCorpus.Entry e = b.entry();
            if (!e.rejected()) {
                continue;
            }
            ConsumerRecord<byte[], byte[]> r = found.get(e);
            if (r == null) {
                wrong.add(e + ": not in the DLQ");
                continue;
            }
            String code = header(r, DeadLetter.REASON_CODE);
            String reason = header(r, DeadLetter.REASON);
            if (!e.expect().equals(code) || reason == null || !reason.contains(e.reason())) {
                wrong.add(e + ": expected " + e.expect() + " \"" + e.reason() + "\", got " + code + " \"" + reason
                        + "\" (" + header(r, DeadLetter.ERROR_CLASS) + ")");
            }
            String truncated = header(r, DeadLetter.TRUNCATED);
            boolean valueKept = truncated == null ? java.util.Arrays.equals(r.value(), b.value())
                    : Integer.parseInt(truncated) == b.value().length;
            if (!valueKept || !java.util.Arrays.equals(r.key(), b.key())) {
                wrong.add(e + ": original key or value bytes not kept");
            }
        }
        assertThat(wrong).as("corpus records with a wrong outcome").isEmpty();

        // the counts add up: produced = accepted + duplicates + DLQ, from the topics and from the app's counters
        long produced = endOffsets(config, topics.inputs());
        long accepted = acceptedInChangelogs(config);
        long rejected = split.get(true).size();
        assertThat(produced).isEqualTo(log.size());
        assertThat(dlq).hasSize((int) rejected);
        assertThat(accepted).as("accepted (changelogs) vs batch").isEqualTo(batch.stats().applied());
        assertThat(produced - accepted - dlq.size()).as("duplicates").isEqualTo(batch.stats().duplicates());
        Map<String, Double> expectedByCode = new TreeMap<>();
        split.get(true).forEach(e -> expectedByCode.merge(e.expect(), 1.0, Double::sum));
        rejectedByCode.values().removeIf(v -> v == 0.0);
        assertThat(rejectedByCode).as("rejected-<code>-total").isEqualTo(expectedByCode);
        for (Map.Entry<String, Double> c : expectedByCode.entrySet()) {
            assertThat(scraped).as("/metrics").contains("funnel_dlq_rejections_total{reason=\"" + c.getKey() + "\"} "
                    + c.getValue());
        }
        Map<String, Double> batchIgnored = new TreeMap<>();
        batch.stats().ignoredFields().forEach((k, v) -> batchIgnored.put(k, v.doubleValue()));
        assertThat(ignoredByField).as("ignored-field-total vs batch summary").isEqualTo(batchIgnored).isNotEmpty();

        // the app stayed up: no ERROR state, no second start of RUNNING, no replaced stream thread, no ERROR line
        assertThat(states).as("state changes").containsExactly("CREATED", "REBALANCING", "RUNNING");
        assertThat(threadsAtStart).isEqualTo(threadsAtEnd);
        List<String> errorLines = captured.toString(StandardCharsets.UTF_8).lines()
                .filter(l -> ERROR_LINE.matcher(l).find() && isApp(l, config.applicationId())).toList();
        assertThat(errorLines).as("ERROR log lines while the app ran").isEmpty();

        PipelineHarness.assertOutputsEqualBatch(config, serdes, PREFIX, batch);
        System.out.printf("%d corpus records (%d rejected, by code %s); %d produced, %d accepted, %d duplicates;"
                + " test took %.1f s%n", bad.size(), rejected, expectedByCode, produced, accepted,
                produced - accepted - dlq.size(), (System.nanoTime() - t0) / 1e9);
    }

    /**
     * A line of the app's own log: written by one of its threads or by a Kafka Streams or funnel logger (the broker
     * runs in this JVM too; its own log lines, e.g. its handling of a producer's first transactional writes, are
     * not the app's).
     */
    private static boolean isApp(String line, String applicationId) {
        return line.contains("[" + applicationId + "-") || line.contains(" dev.funnelstreams.")
                || line.contains(" org.apache.kafka.streams.");
    }

    /** Records every state the app passes through (polled: the app owns the state listener). */
    private static Thread watch(FunnelStreamsApp app, List<String> states) {
        states.add("CREATED");
        Thread t = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                String s = app.state().name();
                if (!states.get(states.size() - 1).equals(s)) {
                    states.add(s);
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "corpus-state-watch");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static Set<String> threadNames(KafkaStreams streams) {
        return streams.metadataForLocalThreads().stream().map(ThreadMetadata::threadName)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Metric totals by name group 1 (or by the tag's suffix after the task id), summed over tasks. */
    private static Map<String, Double> metricTotals(KafkaStreams streams, String name, String tag) {
        Pattern p = Pattern.compile(name);
        Map<String, Double> out = new TreeMap<>();
        for (Map.Entry<MetricName, ? extends Metric> e : streams.metrics().entrySet()) {
            Matcher m = p.matcher(e.getKey().name());
            if (!m.matches() || !(e.getValue().metricValue() instanceof Number v)) {
                continue;
            }
            String k;
            if (tag == null) {
                k = m.group(1);
            } else {
                String entity = e.getKey().tags().get(tag);
                if (entity == null) {
                    continue;
                }
                k = entity.substring(entity.lastIndexOf('-', entity.indexOf('.')) + 1); // input-task-Type.field
            }
            out.merge(k, v.doubleValue(), Double::sum);
        }
        return out;
    }

    private static long endOffsets(AppConfig config, List<String> topics) {
        long n = 0;
        for (String t : topics) {
            n += PipelineHarness.readAll(config, t).size();
        }
        return n;
    }

    /** Accepted events as the changelogs hold them: the sizes of every lead's history and spend key's versions. */
    private static long acceptedInChangelogs(AppConfig config) {
        Map<String, LeadRecord> histories = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : PipelineHarness.readAll(config, config.applicationId() + "-"
                + StoreNames.LEAD_HISTORIES + "-changelog")) {
            histories.put(new String(r.key(), StandardCharsets.UTF_8), r.value() == null ? null
                    : LeadHistorySerde.records().deserializer().deserialize(null, r.value()));
        }
        Map<String, SpendVersions> spend = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : PipelineHarness.readAll(config, config.applicationId() + "-"
                + StoreNames.SPEND_VERSIONS + "-changelog")) {
            spend.put(new String(r.key(), StandardCharsets.UTF_8), r.value() == null ? null
                    : LeadHistorySerde.spendVersions().deserializer().deserialize(null, r.value()));
        }
        return histories.values().stream().filter(h -> h != null).mapToLong(LeadRecord::size).sum()
                + spend.values().stream().filter(s -> s != null).mapToLong(s -> s.versions().size()).sum();
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** Writes to two streams. */
    private static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream a;
        private final java.io.OutputStream b;

        TeeStream(java.io.OutputStream a, java.io.OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public synchronized void write(int x) throws java.io.IOException {
            a.write(x);
            b.write(x);
        }

        @Override
        public synchronized void write(byte[] buf, int off, int len) throws java.io.IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }

        @Override
        public void flush() throws java.io.IOException {
            a.flush();
            b.flush();
        }
    }
}
