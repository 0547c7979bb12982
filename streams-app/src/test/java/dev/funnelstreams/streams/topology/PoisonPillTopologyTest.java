package dev.funnelstreams.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelstreams.core.config.FunnelConfig;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/** Records that used to stop the app: each goes to the DLQ (or is accepted) and the next record is processed. */
class PoisonPillTopologyTest {

    static final FunnelConfig CONFIG = FunnelTopologyDifferentialTest.CONFIG;
    static final Instant NOW = Instant.parse("2026-03-25T00:00:00Z");
    static final String CREATED = FunnelTopologyTest.CREATED;
    static final String SPEND = FunnelTopologyTest.SPEND;
    static final String CREATED_2 = FunnelTopologyTest.CREATED_2;
    static final List<String> METRIC_TOPICS = List.of("funnel.stage-flow", "funnel.conversions", "funnel.loss-reasons",
            "funnel.channel-costs", "funnel.stage-snapshot", "funnel.weekly-review", "funnel.target-progress");

    @Test
    void emptyValuesAndKeysGoToTheDlqAndTheNextRecordIsProcessed() {
        try (TopologyFixture f = new TopologyFixture(CONFIG, NOW)) {
            f.pipeLead("L-1", new byte[0]);
            f.pipeSpend(new byte[0], f.spendValue(SPEND));
            f.pipeSpend(f.spendKey(SPEND), new byte[0]);
            f.pipe(CREATED);
            f.pipe(SPEND);
            f.flush();

            List<TestRecord<byte[], byte[]>> dlq = f.dlq();
            assertThat(dlq).extracting(r -> header(r, DeadLetter.REASON_CODE))
                    .containsExactly("undecodable", "undecodable", "undecodable");
            assertThat(dlq).extracting(r -> header(r, DeadLetter.REASON)).containsExactly(
                    "value: empty (0 bytes; a lead event is Avro in the Confluent wire format)",
                    "key: empty (0 bytes; spend keys and values are Avro in the Confluent wire format)",
                    "value: empty (0 bytes; spend keys and values are Avro in the Confluent wire format)");
            assertThat(dlq.get(0).value()).isEmpty();
            assertThat(f.read(f.topics.leadState())).hasSize(1);
            assertThat(f.read(f.topics.channelCosts())).isNotEmpty();
        }
    }

    @Test
    void aSentinelDateGoesToTheDlqAndFutureDatesNeverStampAnOutputAheadOfTheClock() {
        String sentinel = CREATED.replace("\"e-1\"", "\"e-0\"").replace("2026-03-02T09:30:00+08:00",
                "1900-01-01T00:00:00Z");
        String farFutureEvent = CREATED.replace("\"e-1\"", "\"e-9\"").replace("2026-03-02T09:30:00+08:00",
                "9999-12-31T00:00:00Z");
        String farFutureSpend = SPEND.replace("\"s-1\"", "\"s-9\"").replace("2026-03-02", "9999-12-30");
        String sentinelSpend = SPEND.replace("\"s-1\"", "\"s-0\"").replace("2026-03-02", "1900-01-01");
        try (TopologyFixture f = new TopologyFixture(CONFIG, NOW)) {
            f.pipe(sentinel);
            f.pipe(sentinelSpend);
            f.pipe(farFutureEvent);
            f.pipe(farFutureSpend);
            f.pipe(CREATED);
            f.pipe(SPEND);
            f.flush();

            List<TestRecord<byte[], byte[]>> dlq = f.dlq();
            assertThat(dlq).extracting(r -> header(r, DeadLetter.REASON)).containsExactly(
                    "occurredAt: 1900-01-01T00:00:00Z is before 1970-01-01T00:00:00Z, the earliest accepted instant"
                            + " (a sentinel date for \"unknown\"?)",
                    "date: 1900-01-01 starts before 1970-01-01T00:00:00Z in Asia/Shanghai, the earliest accepted"
                            + " instant (a sentinel date for \"unknown\"?)",
                    "occurredAt: 9999-12-31T00:00:00Z is in the future (later than now 2026-03-25T00:00:00Z"
                            + " + maxFutureSkew PT1H)");
            // the 9999 spend is a valid date: it counts, in its own period, but stamps nothing ahead of now
            assertThat(f.read(f.topics.channelCosts()).keySet()).anySatisfy(k ->
                    assertThat(k.get("period").asText()).startsWith("9999-"));
            List<TestRecord<byte[], byte[]>> outputs = new ArrayList<>();
            METRIC_TOPICS.forEach(t -> outputs.addAll(f.raw(t)));
            assertThat(outputs).isNotEmpty().allSatisfy(r ->
                    assertThat(r.timestamp()).isBetween(0L, NOW.toEpochMilli()));
            assertThat(f.read(f.topics.leadState())).hasSize(1);
        }
    }

    @Test
    void notesOfHundredsOfKilobytesAreKeptAsDigestsAndAnOversizedBadRecordIsCutToFitTheDlq() {
        String note = "跟进记录".repeat(150_000); // 600,000 characters, about 1.8 MB of UTF-8
        String first = "{\"eventId\":\"a-1\",\"type\":\"ActivityLogged\",\"leadId\":\"L-1\","
                + "\"occurredAt\":\"2026-03-03T10:00:00+08:00\",\"activity\":\"call\",\"note\":\"" + note + "\"}";
        String second = first.replace("a-1", "a-2").replace("03T10", "04T10");
        byte[] garbage = new byte[1_048_000];
        java.util.Arrays.fill(garbage, (byte) 'x');
        try (TopologyFixture f = new TopologyFixture(CONFIG, NOW)) {
            f.pipe(CREATED);
            f.pipe(first);
            f.pipe(second);
            f.pipeLead("L-1", garbage);
            f.pipe(FunnelTopologyTest.TO_DISCOVERY);
            f.flush();

            List<TestRecord<byte[], byte[]>> dlq = f.dlq();
            assertThat(dlq).hasSize(1);
            TestRecord<byte[], byte[]> cut = dlq.get(0);
            assertThat(header(cut, DeadLetter.TRUNCATED)).isEqualTo("1048000");
            long headerBytes = 0;
            for (Header h : cut.headers()) {
                headerBytes += h.key().length() + h.value().length;
            }
            assertThat(cut.key().length + cut.value().length + headerBytes).isLessThanOrEqualTo(DeadLetter.MAX_RECORD_BYTES);
            assertThat(cut.value()).isEqualTo(java.util.Arrays.copyOf(garbage, cut.value().length));
            // the notes were accepted (stored as digests) and the next event was processed
            assertThat(f.read(f.topics.leadState()).values()).singleElement()
                    .satisfies(s -> assertThat(s.get("stage").asText()).isEqualTo("discovery"));
            dev.funnelstreams.core.lead.LeadHistory history = f.driver.<String, dev.funnelstreams.core.lead.LeadRecord>
                    getKeyValueStore(dev.funnelstreams.streams.StoreNames.LEAD_HISTORIES).get("L-1").history();
            assertThat(history.size()).isEqualTo(4);
            assertThat(history.bytes()).isLessThan(2_000);
        }
    }

    @Test
    void anOwnerOfMoreThanAThousandCharactersGoesToTheDlqAndTheNextEventIsProcessed() {
        // 170,000 characters (510,000 bytes of UTF-8, a record Kafka takes): the lead record held the owner once per
        // fact and grew to 2.5 MB, over Kafka's 1 MB, and the failed transaction stopped the app (a real broker; the
        // test driver does not check sizes)
        String owner = "名".repeat(170_000);
        try (TopologyFixture f = new TopologyFixture(CONFIG, NOW)) {
            f.pipe(CREATED.replace("zhang.wei", owner));
            f.pipe(CREATED_2);
            f.flush();

            assertThat(f.dlq()).extracting(r -> header(r, DeadLetter.REASON))
                    .containsExactly("owner: 170,000 characters (at most 1,000)");
            assertThat(f.read(f.topics.leadState()).keySet()).extracting(k -> k.get("leadId").asText())
                    .containsExactly("L-2");
        }
    }

    @Test
    void aHugeDealWonAMillisecondAfterItsEntryIsCountedWithoutAVelocity() {
        // 8.64 x 10^23 a day: funnel.sales-kpis' decimal(24, 2) could not carry it, and serializing the record
        // failed (each change of the cell then went to the DLQ as a processing error, the topic kept the old value)
        String created = CREATED.replace("2026-03-02T09:30:00+08:00", "2026-03-02T09:30:00.000+08:00");
        String won = "{\"eventId\":\"e-9\",\"type\":\"StageChanged\",\"leadId\":\"L-1\","
                + "\"occurredAt\":\"2026-03-02T09:30:00.001+08:00\",\"toStage\":\"won\","
                + "\"amount\":\"9999999999999999.99\"}";
        try (TopologyFixture f = new TopologyFixture(CONFIG, NOW)) {
            f.pipe(created);
            f.pipe(won);
            f.pipe(CREATED_2);
            f.flush();

            assertThat(f.dlq()).isEmpty();
            assertThat(f.read(f.topics.leadState())).hasSize(2);
            assertThat(f.read(f.topics.output(dev.funnelstreams.core.metrics.view.OutputTopic.SALES_KPIS)).values())
                    .anySatisfy(v -> {
                        assertThat(v.get("wonValue").asText()).isEqualTo("9999999999999999.99");
                        assertThat(v.get("salesVelocityPerDay").isNull()).isTrue();
                    });
        }
    }

    private static String header(TestRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
