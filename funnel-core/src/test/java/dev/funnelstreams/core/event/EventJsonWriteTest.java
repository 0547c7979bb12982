package dev.funnelstreams.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class EventJsonWriteTest {

    static final Instant AT = Instant.parse("2026-03-02T01:30:00Z");

    @Test
    void writesCanonicalJsonInSpecFieldOrder() {
        LeadCreated c = new LeadCreated("e-1", "L-1", AT, "expo", "expo-sh-2026", "zhang.wei", "lead",
                new Customer("华东精密", "manufacturing", "200-500"), new Contact("王芳", "采购经理", "+86 138 0000 0000"),
                new BigDecimal("200000.00"), false, null);
        assertThat(EventJson.write(c)).isEqualTo("{\"eventId\":\"e-1\",\"type\":\"LeadCreated\",\"leadId\":\"L-1\","
                + "\"occurredAt\":\"2026-03-02T01:30:00Z\",\"channel\":\"expo\",\"campaign\":\"expo-sh-2026\","
                + "\"owner\":\"zhang.wei\",\"stage\":\"lead\",\"customer\":{\"name\":\"华东精密\",\"industry\":\"manufacturing\","
                + "\"size\":\"200-500\"},\"contact\":{\"name\":\"王芳\",\"title\":\"采购经理\",\"phone\":\"+86 138 0000 0000\"},"
                + "\"estimatedValue\":\"200000.00\"}");
    }

    @Test
    void writesFractionOnlyWhenNonZeroAndClearedAttributesAsEmpty() {
        assertThat(EventJson.write(new StageChanged("e", "L", Instant.parse("2026-03-02T01:30:00.500Z"), "won", null,
                null, new BigDecimal("5.00"))))
                .isEqualTo("{\"eventId\":\"e\",\"type\":\"StageChanged\",\"leadId\":\"L\","
                        + "\"occurredAt\":\"2026-03-02T01:30:00.500Z\",\"toStage\":\"won\",\"amount\":\"5.00\"}");
        assertThat(EventJson.write(new LeadUpdated("e", "L", AT, null, true, "", null)))
                .isEqualTo("{\"eventId\":\"e\",\"type\":\"LeadUpdated\",\"leadId\":\"L\","
                        + "\"occurredAt\":\"2026-03-02T01:30:00Z\",\"estimatedValue\":\"\",\"tier\":\"\"}");
        assertThat(EventJson.write(new ChannelSpend("s", "expo", "", LocalDate.of(2026, 3, 2), new BigDecimal("1.50"),
                null, null)))
                .isEqualTo("{\"eventId\":\"s\",\"type\":\"ChannelSpend\",\"channel\":\"expo\",\"date\":\"2026-03-02\","
                        + "\"amount\":\"1.50\"}");
    }

    @Test
    void everyTypeRoundTrips() {
        List<LeadEvent> events = List.of(
                new LeadCreated("e-1", "L-1", AT, null, null, "", null, new Customer(null, "", null), null, null, true, ""),
                new StageChanged("e-2", "L-1", AT, "won", "lead", "签约 \"ok\"\n", new BigDecimal("-3.10")),
                new ActivityLogged("e-3", "L-1", AT, "", "n"),
                new OwnerChanged("e-4", "L-1", AT, null),
                new LeadUpdated("e-5", "L-1", AT, new BigDecimal("1.00"), false, "A", "retail"),
                new LeadLost("e-6", "L-1", AT, "other", "budget_freeze"));
        for (LeadEvent e : events) {
            assertThat(EventJson.parse(EventJson.write(e))).isEqualTo(new ParseResult.Lead(e, null));
        }
        ChannelSpend s = new ChannelSpend("s-1", "online_ads", "kw", LocalDate.of(2026, 3, 2), new BigDecimal("0.00"),
                "CNY", Instant.parse("2026-03-03T00:00:00.001Z"));
        assertThat(EventJson.parse(EventJson.write(s))).isEqualTo(new ParseResult.Spend(s));
    }

    @Property
    void writeThenParseGivesTheEventBack(@ForAll("events") LeadEvent e) {
        String line = EventJson.write(e);
        assertThat(line).doesNotContain("\n");
        assertThat(EventJson.parse(line)).isEqualTo(new ParseResult.Lead(e, null));
    }

    @Provide
    Arbitrary<LeadEvent> events() {
        Arbitrary<String> ids = Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(128);
        // text UTF-8 can carry: an unpaired surrogate reads back as '?' (UnpairedSurrogatesTest). The filter
        // is a UTF-8 round trip of the value itself; UnpairedSurrogates reads a JSON line, where a backslash
        // before a surrogate would be an escape.
        Arbitrary<String> text = Arbitraries.strings().all().ofMaxLength(20)
                .filter(t -> t.equals(new String(t.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)))
                .injectNull(0.3);
        Arbitrary<String> optional = text.filter(t -> t == null || !t.isEmpty());
        Arbitrary<Instant> instants = Arbitraries.longs().between(0, 253_402_300_799_999L).map(Instant::ofEpochMilli);
        Arbitrary<BigDecimal> money = Arbitraries.bigDecimals()
                .between(new BigDecimal("-9999999999999999.99"), new BigDecimal("9999999999999999.99"))
                .ofScale(2).injectNull(0.3);
        Arbitrary<LeadEvent> stage = Combinators.combine(ids, ids, instants, ids, optional, optional, money)
                .as((id, lead, at, to, from, note, amount) -> new StageChanged(id, lead, at, to, from, note, amount));
        Arbitrary<LeadEvent> updated = Combinators.combine(ids, ids, instants, money, Arbitraries.of(true, false), text, text)
                .as((id, lead, at, value, clear, tier, industry) ->
                        new LeadUpdated(id, lead, at, value, value == null && clear, tier, industry));
        Arbitrary<LeadEvent> owner = Combinators.combine(ids, ids, instants, text)
                .as((id, lead, at, o) -> new OwnerChanged(id, lead, at, o));
        Arbitrary<LeadEvent> lost = Combinators.combine(ids, ids, instants, Arbitraries.of(LossReason.CODES), optional)
                .as((id, lead, at, reason, detail) -> new LeadLost(id, lead, at, reason, detail));
        return Arbitraries.oneOf(stage, updated, owner, lost);
    }
}
