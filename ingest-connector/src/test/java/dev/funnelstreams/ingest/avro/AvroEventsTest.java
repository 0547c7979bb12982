package dev.funnelstreams.ingest.avro;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelstreams.core.event.ChannelSpend;
import dev.funnelstreams.core.event.EventJson;
import dev.funnelstreams.core.event.LeadEvent;
import dev.funnelstreams.core.event.ParseResult;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Core event -> Avro -> bytes -> Avro -> core gives the same event. */
class AvroEventsTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"eventId\":\"e-1\",\"type\":\"LeadCreated\",\"leadId\":\"L-1\",\"occurredAt\":\"2026-03-02T09:30:00.123+08:00\","
                + "\"channel\":\"expo\",\"campaign\":\"c\",\"owner\":\"zhang.wei\",\"stage\":\"lead\","
                + "\"customer\":{\"name\":\"华东精密\",\"industry\":\"manufacturing\",\"size\":\"200-500\"},"
                + "\"contact\":{\"name\":\"王芳\",\"title\":\"采购经理\",\"phone\":\"+86\"},\"estimatedValue\":\"200000.00\",\"tier\":\"B\"}",
        "{\"eventId\":\"e-2\",\"type\":\"StageChanged\",\"leadId\":\"L-1\",\"occurredAt\":\"2026-03-03T00:00:00Z\","
                + "\"toStage\":\"won\",\"fromStage\":\"lead\",\"note\":\"n\",\"amount\":\"-5.10\"}",
        "{\"eventId\":\"e-3\",\"type\":\"ActivityLogged\",\"leadId\":\"L-1\",\"occurredAt\":\"2026-03-03T00:00:00Z\",\"activity\":\"call\"}",
        "{\"eventId\":\"e-4\",\"type\":\"OwnerChanged\",\"leadId\":\"L-1\",\"occurredAt\":\"2026-03-03T00:00:00Z\",\"owner\":\"\"}",
        "{\"eventId\":\"e-5\",\"type\":\"LeadUpdated\",\"leadId\":\"L-1\",\"occurredAt\":\"2026-03-03T00:00:00Z\",\"tier\":\"A\",\"industry\":\"x\"}",
        "{\"eventId\":\"e-7\",\"type\":\"LeadUpdated\",\"leadId\":\"L-1\",\"occurredAt\":\"2026-03-03T00:00:00Z\",\"estimatedValue\":\"\"}",
        "{\"eventId\":\"e-8\",\"type\":\"LeadCreated\",\"leadId\":\"L-1\",\"occurredAt\":\"2026-03-03T00:00:00Z\",\"estimatedValue\":\"\"}",
        "{\"eventId\":\"e-6\",\"type\":\"LeadLost\",\"leadId\":\"L-1\",\"occurredAt\":\"2026-03-03T00:00:00Z\",\"reason\":\"too pricey\",\"detail\":\"d\"}"
    })
    void roundTripsEveryLeadEventType(String line) throws IOException {
        LeadEvent e = ((ParseResult.Lead) EventJson.parse(line)).event();
        ByteBuffer bytes = AvroEvents.toAvro(e).toByteBuffer();
        assertThat(AvroEvents.fromAvro(dev.funnelstreams.avro.LeadEvent.fromByteBuffer(bytes))).isEqualTo(e);
    }

    @Test
    void roundTripsChannelSpendAndKeysItWithAnEmptyCampaign() throws IOException {
        ChannelSpend s = ((ParseResult.Spend) EventJson.parse("{\"eventId\":\"s-1\",\"type\":\"ChannelSpend\","
                + "\"channel\":\"online_ads\",\"date\":\"2026-03-02\",\"amount\":\"12000.00\",\"reportedAt\":\"2026-03-03T00:00:00Z\"}"))
                .spend();
        ByteBuffer bytes = AvroEvents.toAvro(s).toByteBuffer();
        assertThat(AvroEvents.fromAvro(dev.funnelstreams.avro.ChannelSpend.fromByteBuffer(bytes))).isEqualTo(s);
        assertThat(AvroEvents.keyOf(s).getCampaign()).isEmpty();
    }
}
