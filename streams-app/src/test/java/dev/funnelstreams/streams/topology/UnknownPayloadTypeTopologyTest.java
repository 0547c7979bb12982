package dev.funnelstreams.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * SPEC section 6: an event type the app does not define is rejected. Avro's union resolution alone would read a
 * writer's unknown payload branch as the first reader branch it can fill from defaults (an empty LeadCreated).
 */
class UnknownPayloadTypeTopologyTest {

    @Test
    void rejectsAPayloadTypeTheAppDoesNotDefineInsteadOfReadingItAsAnEmptyLeadCreated() throws Exception {
        Schema writer = BadInputCorpus.avroWriters().get("LeadEvent-with-LeadMerged");
        String merged = """
                {"eventId":"m-1","type":"LeadMerged","leadId":"L-2","occurredAt":"2026-03-03T09:30:00+08:00",\
                "intoLeadId":"L-1"}""";
        String activity = """
                {"eventId":"a-1","type":"ActivityLogged","leadId":"L-1","occurredAt":"2026-03-04T09:30:00+08:00",\
                "activity":"call"}""";
        try (TopologyFixture f = new TopologyFixture(PoisonPillTopologyTest.CONFIG, PoisonPillTopologyTest.NOW)) {
            int id = f.serdes.client().register("crm-lead-merged-value", writer);
            ObjectMapper json = new ObjectMapper();
            f.pipe(FunnelTopologyTest.CREATED);
            f.pipeLead("L-2", BadInputCorpus.wire(id, writer, BadInputCorpus.record(writer, json.readTree(merged))));
            // a known type written with the same writer schema is accepted
            f.pipeLead("L-1", BadInputCorpus.wire(id, writer, BadInputCorpus.record(writer, json.readTree(activity))));
            f.flush();

            List<TestRecord<byte[], byte[]>> dlq = f.dlq();
            assertThat(dlq).singleElement().satisfies(r -> {
                assertThat(header(r, DeadLetter.REASON_CODE)).isEqualTo("invalid-event");
                assertThat(header(r, DeadLetter.REASON)).startsWith("type: unknown event type \"LeadMerged\" (known: ");
            });
            assertThat(f.read(f.topics.leadState()).keySet()).extracting(k -> k.get("leadId").asText())
                    .containsExactly("L-1");
            assertThat(f.read(f.topics.leadState()).values()).singleElement()
                    .satisfies(s -> assertThat(s.get("lastTouchAt").asText()).isEqualTo("2026-03-04T01:30:00Z"));
        }
    }

    private static String header(TestRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
