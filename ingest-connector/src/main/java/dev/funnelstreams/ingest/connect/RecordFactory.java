package dev.funnelstreams.ingest.connect;

import dev.funnelstreams.avro.ChannelSpend;
import dev.funnelstreams.avro.ChannelSpendKey;
import dev.funnelstreams.avro.LeadEvent;
import dev.funnelstreams.avroevents.AvroEvents;
import dev.funnelstreams.core.event.ParseResult;
import dev.funnelstreams.ingest.pipeline.MappedRow;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Turns a mapped row into source records: Avro lead events keyed by leadId, Avro spends keyed by
 * (channel, campaign, date), or one rejected-row record. Keys and values are already encoded bytes
 * (the worker runs ByteArrayConverter). Only a row's last record carries the row's line as offset;
 * the others carry the previous resume point, so an offset never claims a half-written row.
 */
public final class RecordFactory {

    static final String HEADER_FILE = "funnel.source.file";
    static final String HEADER_LINE = "funnel.source.line";
    static final String HEADER_REASON = "funnel.reason";

    private final String leadTopic;
    private final String spendTopic;
    private final String rejectedTopic;
    private final Serializer<LeadEvent> leadValues;
    private final Serializer<ChannelSpendKey> spendKeys;
    private final Serializer<ChannelSpend> spendValues;

    public RecordFactory(String leadTopic, String spendTopic, String rejectedTopic, Serializer<LeadEvent> leadValues,
            Serializer<ChannelSpendKey> spendKeys, Serializer<ChannelSpend> spendValues) {
        this.leadTopic = leadTopic;
        this.spendTopic = spendTopic;
        this.rejectedTopic = rejectedTopic;
        this.leadValues = leadValues;
        this.spendKeys = spendKeys;
        this.spendValues = spendValues;
    }

    /** Records of one row; {@code previousLine} is the resume point before this row. */
    public List<SourceRecord> records(Map<String, Object> partition, String fileName, MappedRow row, long previousLine) {
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString(HEADER_FILE, fileName);
        headers.addLong(HEADER_LINE, row.line());
        if (row.isRejected()) {
            headers.addString(HEADER_REASON, row.rejection());
            return List.of(new SourceRecord(partition, FileOffsets.offset(row.line()), rejectedTopic, null,
                    Schema.BYTES_SCHEMA, fileName.getBytes(StandardCharsets.UTF_8),
                    Schema.BYTES_SCHEMA, row.raw().getBytes(StandardCharsets.UTF_8), null, headers));
        }
        List<SourceRecord> out = new ArrayList<>(row.events().size());
        for (int i = 0; i < row.events().size(); i++) {
            long line = i == row.events().size() - 1 ? row.line() : previousLine;
            ParseResult e = row.events().get(i);
            if (e instanceof ParseResult.Lead l) {
                LeadEvent avro = AvroEvents.toAvro(l.event());
                out.add(new SourceRecord(partition, FileOffsets.offset(line), leadTopic, null,
                        Schema.BYTES_SCHEMA, l.event().leadId().getBytes(StandardCharsets.UTF_8),
                        Schema.BYTES_SCHEMA, leadValues.serialize(leadTopic, avro), null, headers));
            } else if (e instanceof ParseResult.Spend s) {
                out.add(new SourceRecord(partition, FileOffsets.offset(line), spendTopic, null,
                        Schema.BYTES_SCHEMA, spendKeys.serialize(spendTopic, AvroEvents.keyOf(s.spend())),
                        Schema.BYTES_SCHEMA, spendValues.serialize(spendTopic, AvroEvents.toAvro(s.spend())),
                        null, headers));
            }
        }
        return out;
    }
}
