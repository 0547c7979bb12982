package dev.funnelstreams.streams.state;

import dev.funnelstreams.core.event.ChannelSpend;
import dev.funnelstreams.core.event.EventJson;
import dev.funnelstreams.core.event.LeadEvent;
import dev.funnelstreams.core.event.ParseResult;
import dev.funnelstreams.core.lead.LeadRecord;
import dev.funnelstreams.core.metrics.SpendKey;
import dev.funnelstreams.core.metrics.SpendVersions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Store serdes of the per-lead and per-spend-key state: a lead's record in its binary form, a spend
 * key's versions as canonical JSON lines (the core's own lossless form; {@code parse(write(e)) == e}).
 * Lead records never hold contact data (the core stores the contact-free form), so neither do the
 * store or its changelog.
 */
public final class LeadHistorySerde {

    private LeadHistorySerde() {
    }

    /** The lead records ({@link LeadRecord}'s binary form; the earlier JSON-lines form still reads). */
    public static Serde<LeadRecord> records() {
        Serializer<LeadRecord> ser = (topic, r) -> r == null ? null : r.encode();
        Deserializer<LeadRecord> de = (topic, bytes) -> bytes == null ? null : LeadRecord.decode(bytes);
        return Serdes.serdeFrom(ser, de);
    }

    public static Serde<SpendVersions> spendVersions() {
        Serializer<SpendVersions> ser = (topic, v) -> v == null ? null : lines(v.versions().stream()
                .map(EventJson::write).toList());
        Deserializer<SpendVersions> de = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            List<ChannelSpend> versions = new ArrayList<>();
            for (String line : split(bytes)) {
                versions.add(((ParseResult.Spend) parse(line)).spend());
            }
            return new SpendVersions(SpendKey.of(versions.get(0)), versions);
        };
        return Serdes.serdeFrom(ser, de);
    }

    private static ParseResult parse(String line) {
        ParseResult r = EventJson.parse(line);
        if (r instanceof ParseResult.Rejected rejected) {
            throw new IllegalStateException("stored event no longer parses: " + rejected.reason());
        }
        return r;
    }

    private static byte[] lines(List<String> lines) {
        return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
    }

    private static String[] split(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8).split("\n");
    }
}
