package dev.funnelstreams.avroevents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelstreams.avro.LeadUpdated;
import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.config.FunnelConfigLoader;
import dev.funnelstreams.core.event.ChannelSpend;
import dev.funnelstreams.core.event.EventJson;
import dev.funnelstreams.core.event.LeadEvent;
import dev.funnelstreams.core.event.ParseResult;
import dev.funnelstreams.core.generate.FunnelGenerator;
import dev.funnelstreams.core.generate.GeneratorOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Canonical event -> Avro -> bytes -> Avro -> canonical event gives the same event, for every form. */
class AvroEventsTest {

    private static final String T = "\"leadId\":\"L-1\",\"occurredAt\":\"2026-03-03T00:00:00Z\"";

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"eventId\":\"e-1\",\"type\":\"LeadCreated\",\"leadId\":\"L-1\",\"occurredAt\":\"2026-03-02T09:30:00.123+08:00\","
                + "\"channel\":\"expo\",\"campaign\":\"c\",\"owner\":\"zhang.wei\",\"stage\":\"lead\","
                + "\"customer\":{\"name\":\"华东精密\",\"industry\":\"manufacturing\",\"size\":\"200-500\"},"
                + "\"contact\":{\"name\":\"王芳\",\"title\":\"采购经理\",\"phone\":\"+86\"},\"estimatedValue\":\"200000.00\",\"tier\":\"B\"}",
        "{\"eventId\":\"e-1\",\"type\":\"LeadCreated\"," + T + ",\"owner\":\"\",\"estimatedValue\":\"\",\"tier\":\"\"}",
        "{\"eventId\":\"e-1\",\"type\":\"LeadCreated\"," + T + "}",
        "{\"eventId\":\"e-2\",\"type\":\"StageChanged\"," + T + ",\"toStage\":\"won\",\"fromStage\":\"lead\",\"note\":\"n\",\"amount\":\"-5.10\"}",
        "{\"eventId\":\"e-3\",\"type\":\"ActivityLogged\"," + T + ",\"activity\":\"call\"}",
        "{\"eventId\":\"e-4\",\"type\":\"OwnerChanged\"," + T + ",\"owner\":\"\"}",
        "{\"eventId\":\"e-5\",\"type\":\"LeadUpdated\"," + T + ",\"tier\":\"A\",\"industry\":\"x\"}",
        "{\"eventId\":\"e-5\",\"type\":\"LeadUpdated\"," + T + ",\"estimatedValue\":\"\"}",
        "{\"eventId\":\"e-5\",\"type\":\"LeadUpdated\"," + T + ",\"estimatedValue\":\"7\"}",
        "{\"eventId\":\"e-6\",\"type\":\"LeadLost\"," + T + ",\"reason\":\"too pricey\",\"detail\":\"d\"}"
    })
    void roundTripsEveryLeadEventForm(String line) {
        LeadEvent e = lead(line);
        assertThat(roundTrip(e)).isEqualTo(e);
    }

    @Test
    void carriesAClearedEstimatedValueAsTheFlagWithANullValue() {
        LeadUpdated avro = (LeadUpdated) AvroEvents.toAvro(
                lead("{\"eventId\":\"e-5\",\"type\":\"LeadUpdated\"," + T + ",\"estimatedValue\":\"\"}")).getPayload();
        assertThat(avro.getEstimatedValueCleared()).isTrue();
        assertThat(avro.getEstimatedValue()).isNull();

        LeadUpdated absent = (LeadUpdated) AvroEvents.toAvro(
                lead("{\"eventId\":\"e-5\",\"type\":\"LeadUpdated\"," + T + "}")).getPayload();
        assertThat(absent.getEstimatedValueCleared()).isFalse();
    }

    @Test
    void rejectsARecordThatBothClearsAndSetsTheEstimatedValue() {
        var avro = new dev.funnelstreams.avro.LeadEvent("e-5", "L-1", Instant.parse("2026-03-03T00:00:00Z"),
                new LeadUpdated(new BigDecimal("5.00"), true, null, null));

        AvroEvents.Decoded<LeadEvent> decoded = AvroEvents.fromAvro(avro);

        assertThat(decoded.isOk()).isFalse();
        assertThat(decoded.problem()).isEqualTo("estimatedValue: set and estimatedValueCleared at once");
    }

    @Test
    void roundTripsEveryGeneratedEvent() throws IOException {
        FunnelConfig config = FunnelConfigLoader.load(Path.of("../examples/funnel.yaml"));
        AtomicInteger n = new AtomicInteger();
        new FunnelGenerator(config, new GeneratorOptions(3, 300, LocalDate.of(2026, 1, 5), 120)).generate(line -> {
            ParseResult p = EventJson.parse(line);
            n.incrementAndGet();
            if (p instanceof ParseResult.Lead l) {
                assertThat(roundTrip(l.event())).as(line).isEqualTo(l.event());
            } else {
                ChannelSpend s = ((ParseResult.Spend) p).spend();
                assertThat(roundTrip(s)).as(line).isEqualTo(s);
            }
        });
        assertThat(n.get()).isGreaterThan(1000);
    }

    @Test
    void roundTripsChannelSpendAndKeysItWithAnEmptyCampaign() {
        ChannelSpend s = ((ParseResult.Spend) EventJson.parse("{\"eventId\":\"s-1\",\"type\":\"ChannelSpend\","
                + "\"channel\":\"online_ads\",\"date\":\"2026-03-02\",\"amount\":\"12000.00\","
                + "\"reportedAt\":\"2026-03-03T00:00:00Z\"}")).spend();

        assertThat(roundTrip(s)).isEqualTo(s);
        assertThat(AvroEvents.toAvro(s).getCampaign()).isNull();
        assertThat(AvroEvents.keyOf(s).getCampaign()).isEmpty();
        assertThat(AvroEvents.fromAvro(AvroEvents.keyOf(s)).campaign()).isEmpty();
    }

    private static LeadEvent lead(String line) {
        return ((ParseResult.Lead) EventJson.parse(line)).event();
    }

    private static LeadEvent roundTrip(LeadEvent e) {
        try {
            var bytes = AvroEvents.toAvro(e).toByteBuffer();
            AvroEvents.Decoded<LeadEvent> back = AvroEvents.fromAvro(dev.funnelstreams.avro.LeadEvent.fromByteBuffer(bytes));
            assertThat(back.problem()).isNull();
            return back.event();
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
    }

    private static ChannelSpend roundTrip(ChannelSpend s) {
        try {
            var bytes = AvroEvents.toAvro(s).toByteBuffer();
            return AvroEvents.fromAvro(dev.funnelstreams.avro.ChannelSpend.fromByteBuffer(bytes)).event();
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
    }
}
