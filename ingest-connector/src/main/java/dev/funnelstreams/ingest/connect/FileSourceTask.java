package dev.funnelstreams.ingest.connect;

import dev.funnelstreams.avro.ChannelSpend;
import dev.funnelstreams.avro.ChannelSpendKey;
import dev.funnelstreams.avro.LeadEvent;
import dev.funnelstreams.core.config.FunnelConfigLoader;
import dev.funnelstreams.ingest.mapping.Mapping;
import dev.funnelstreams.ingest.pipeline.EventGate;
import dev.funnelstreams.ingest.pipeline.MappedRow;
import dev.funnelstreams.ingest.pipeline.RowCursor;
import dev.funnelstreams.registry.KafkaAvroSerializer;
import dev.funnelstreams.registry.RegistryUnavailableException;
import dev.funnelstreams.registry.SchemaRegistryClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one file at a time from the watched directory, resuming after the committed line, and
 * moves it aside once Kafka acknowledged its last record. Under exactly-once the worker commits
 * each poll's records and offsets in one transaction; otherwise a restart may repeat the records
 * of the last uncommitted offsets, never lose them.
 */
public class FileSourceTask extends SourceTask {

    private static final Logger log = LoggerFactory.getLogger(FileSourceTask.class);

    private final SchemaRegistryClient client;
    private FileSourceConfig config;
    private InputDirectory directory;
    private Mapping mapping;
    private EventGate gate;
    private RecordFactory records;

    /** The file being read, its cursor and partition; null between files. */
    private Path file;
    private RowCursor cursor;
    private volatile Map<String, Object> partition;
    private long resumeLine;
    private boolean endOfFile;
    private long rejected;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acked = new AtomicLong();
    /** Records of the current file that Kafka did not take (null metadata in commitRecord). */
    private final AtomicLong unwritten = new AtomicLong();

    public FileSourceTask() {
        this(null);
    }

    /** With a given registry client (tests); null means one from the task config. */
    FileSourceTask(SchemaRegistryClient client) {
        this.client = client;
    }

    @Override
    public String version() {
        return Version.VALUE;
    }

    @Override
    public void start(Map<String, String> props) {
        config = new FileSourceConfig(props);
        mapping = Mapping.load(config.mappingFile(), config.lookupDir());
        Path funnel = config.funnelConfig();
        gate = new EventGate(funnel == null ? null : FunnelConfigLoader.load(funnel), Clock.systemUTC());
        directory = new InputDirectory(config.inputPath(), config.finishedPath(), mapping,
                config.getLong(FileSourceConfig.FILE_MIN_AGE_MS), Clock.systemUTC());
        records = new RecordFactory(config.getString(FileSourceConfig.LEAD_EVENTS_TOPIC),
                config.getString(FileSourceConfig.CHANNEL_SPEND_TOPIC),
                config.getString(FileSourceConfig.REJECTED_TOPIC),
                serializer(props, false), serializer(props, true), serializer(props, false));
    }

    private <T extends org.apache.avro.specific.SpecificRecord> KafkaAvroSerializer<T> serializer(
            Map<String, String> props, boolean isKey) {
        KafkaAvroSerializer<T> s = client == null ? new KafkaAvroSerializer<>() : new KafkaAvroSerializer<>(client);
        s.configure(props, isKey);
        return s;
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        try {
            if (file == null && !openNext()) {
                Thread.sleep(config.getLong(FileSourceConfig.POLL_INTERVAL_MS));
                return null;
            }
            if (endOfFile) {
                finishIfAcked();
                if (file != null) {
                    Thread.sleep(Math.min(100, config.getLong(FileSourceConfig.POLL_INTERVAL_MS)));
                }
                return null;
            }
            List<SourceRecord> batch = readBatch();
            long pause = config.getLong(FileSourceConfig.BATCH_PAUSE_MS);
            if (pause > 0) {
                Thread.sleep(pause);
            }
            return batch;
        } catch (IOException e) {
            closeCursor();
            throw new RetriableException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private boolean openNext() throws IOException {
        Optional<Path> next = directory.next();
        if (next.isEmpty()) {
            return false;
        }
        file = next.get();
        partition = FileOffsets.partition(file);
        resumeLine = FileOffsets.lineOf(context.offsetStorageReader().offset(partition));
        String name = file.getFileName().toString();
        cursor = new RowCursor(file, name, mapping.forFile(name).orElseThrow(), gate, resumeLine);
        endOfFile = false;
        sent.set(0);
        acked.set(0);
        unwritten.set(0);
        rejected = 0;
        log.info("reading {} from after line {}", file, resumeLine);
        return true;
    }

    private List<SourceRecord> readBatch() throws IOException {
        int limit = config.getInt(FileSourceConfig.BATCH_ROWS);
        List<SourceRecord> batch = new ArrayList<>();
        String name = file.getFileName().toString();
        long line = resumeLine;
        try {
            for (int i = 0; i < limit; i++) {
                MappedRow row = cursor.next();
                if (row == null) {
                    endOfFile = true;
                    break;
                }
                batch.addAll(records.records(partition, name, row, line));
                if (row.isRejected()) {
                    rejected++;
                }
                line = row.line();
            }
        } catch (RegistryUnavailableException e) {
            // Nothing of this batch was handed out: reread it from the resume point on the next poll.
            closeCursor();
            cursor = new RowCursor(file, name, mapping.forFile(name).orElseThrow(), gate, resumeLine);
            endOfFile = false;
            throw new RetriableException("schema registry unavailable while reading " + file, e);
        }
        resumeLine = line;
        sent.addAndGet(batch.size());
        if (endOfFile) {
            closeCursor();
            finishIfAcked();
        }
        return batch.isEmpty() ? null : batch;
    }

    /**
     * Kafka took the record ({@code metadata} set), or did not: Connect passes null for a send that failed under
     * {@code errors.tolerance=all} and for a record a transform dropped. Only the first counts as written.
     */
    @Override
    public void commitRecord(SourceRecord record, RecordMetadata metadata) {
        if (partition != null && partition.equals(record.sourcePartition())) {
            if (metadata == null) {
                unwritten.incrementAndGet();
            }
            acked.incrementAndGet();
        }
    }

    /**
     * Once Kafka answered for every record of the file, moves it aside: to {@code finished.path} when all were
     * written, to {@code finished.path/failed/} otherwise, so that a file is never "done" without its records.
     */
    private void finishIfAcked() throws IOException {
        if (acked.get() < sent.get() || file == null) {
            return;
        }
        if (Files.exists(file) && unwritten.get() > 0) {
            Path moved = directory.moveToFailed(file);
            log.error("{} of {} records of {} did not reach Kafka (a failed send tolerated by errors.tolerance, or"
                    + " dropped by a transform); moved to {}: put it back into the input folder to send it again"
                    + " (eventIds deduplicate)", unwritten.get(), sent.get(), file, moved);
        } else if (Files.exists(file)) {
            Path moved = directory.moveAside(file);
            log.info("finished {}: {} records, {} rows rejected; moved to {}", file, sent.get(), rejected, moved);
        }
        file = null;
        partition = null;
    }

    private void closeCursor() {
        if (cursor != null) {
            try {
                cursor.close();
            } catch (IOException e) {
                log.warn("closing {}: {}", file, e.toString());
            }
            cursor = null;
        }
    }

    @Override
    public void stop() {
        closeCursor();
    }
}
