package dev.funnelstreams.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.config.FunnelConfigLoader;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventValidatorTest {

    static final FunnelConfig CONFIG = FunnelConfigLoader.load(Path.of("../examples/funnel.yaml"));
    static final Instant NOW = Instant.parse("2026-03-02T12:00:00Z");
    static final Instant AT = Instant.parse("2026-03-02T01:30:00Z");
    final EventValidator validator = new EventValidator(CONFIG);

    static LeadCreated created(String stage, BigDecimal value, String tier) {
        return new LeadCreated("e-1", "L-1", AT, "expo", null, "zhang.wei", stage, null, null, value, false, tier);
    }

    static StageChanged moved(String to, String from, BigDecimal amount) {
        return new StageChanged("e-2", "L-1", AT, to, from, null, amount);
    }

    @Test
    void acceptsValidEventsOfEveryType() {
        assertThat(validator.check(created(null, new BigDecimal("1.00"), "A"), NOW)).isEmpty();
        assertThat(validator.check(created("discovery", null, ""), NOW)).isEmpty();
        assertThat(validator.check(moved("won", "negotiation", new BigDecimal("0.00")), NOW)).isEmpty();
        assertThat(validator.check(new ActivityLogged("e", "L", AT, "call", null), NOW)).isEmpty();
        assertThat(validator.check(new OwnerChanged("e", "L", AT, ""), NOW)).isEmpty();
        assertThat(validator.check(new LeadUpdated("e", "L", AT, null, true, "C", ""), NOW)).isEmpty();
    }

    @Test
    void rejectsALeadIdOrDimensionValueOfMoreThanAThousandCharacters() {
        String fits = "名".repeat(EventValidator.MAX_TEXT);
        String over = "名".repeat(EventValidator.MAX_TEXT + 1);
        Customer customer = new Customer("华东精密", over, null);
        assertThat(validator.check(new LeadCreated("e", fits, AT, fits, over, fits, null, new Customer(null, fits, null),
                null, null, false, null), NOW)).as("the campaign is not a dimension").isEmpty();
        assertThat(validator.check(new LeadCreated("e", over, AT, "expo", null, null, null, null, null, null, false, null),
                NOW)).contains("leadId: 1,001 characters (at most 1,000)");
        assertThat(validator.check(new LeadCreated("e", "L", AT, over, null, null, null, null, null, null, false, null),
                NOW)).contains("channel: 1,001 characters (at most 1,000)");
        assertThat(validator.check(new LeadCreated("e", "L", AT, "expo", null, over, null, null, null, null, false, null),
                NOW)).contains("owner: 1,001 characters (at most 1,000)");
        assertThat(validator.check(new LeadCreated("e", "L", AT, "expo", null, null, null, customer, null, null, false,
                null), NOW)).contains("customer.industry: 1,001 characters (at most 1,000)");
        assertThat(validator.check(new OwnerChanged("e", "L", AT, over), NOW))
                .contains("owner: 1,001 characters (at most 1,000)");
        assertThat(validator.check(new LeadUpdated("e", "L", AT, null, false, null, over), NOW))
                .contains("industry: 1,001 characters (at most 1,000)");
        assertThat(validator.check(new ActivityLogged("e", over, AT, "call", null), NOW))
                .contains("leadId: 1,001 characters (at most 1,000)");
        assertThat(validator.check(new ChannelSpend("s", over, null, LocalDate.of(2026, 3, 2), new BigDecimal("1.00"),
                null, null))).contains("channel: 1,001 characters (at most 1,000)");
        assertThat(validator.check(new ChannelSpend("s", fits, null, LocalDate.of(2026, 3, 2), new BigDecimal("1.00"),
                null, null))).isEmpty();
    }

    @Test
    void rejectsUnknownStages() {
        assertThat(validator.check(moved("opp", null, null), NOW))
                .contains("toStage: unknown stage \"opp\" (known: lead, discovery, proposal, negotiation, won, repurchase)");
        assertThat(validator.check(moved("won", "closing", null), NOW))
                .contains("fromStage: unknown stage \"closing\" (known: lead, discovery, proposal, negotiation, won, repurchase)");
        assertThat(validator.check(created("prospect", null, null), NOW))
                .contains("stage: unknown stage \"prospect\" (known: lead, discovery, proposal, negotiation, won, repurchase)");
        assertThat(validator.check(created("", null, null), NOW)).get().asString().startsWith("stage: unknown stage \"\"");
    }

    @Test
    void rejectsAnExplicitTierThatIsNotConfigured() {
        assertThat(validator.check(created(null, null, "D"), NOW))
                .contains("tier: unknown tier \"D\" (configured: A, B, C; \"\" clears the tier)");
        assertThat(validator.check(new LeadUpdated("e", "L", AT, null, false, "a", null), NOW))
                .contains("tier: unknown tier \"a\" (configured: A, B, C; \"\" clears the tier)");
    }

    @Test
    void rejectsEventsBeyondNowPlusMaxFutureSkew() {
        Instant limit = NOW.plusSeconds(3600);
        assertThat(validator.check(new ActivityLogged("e", "L", limit, null, null), NOW)).isEmpty();
        assertThat(validator.check(new ActivityLogged("e", "L", limit.plusMillis(1), null, null), NOW))
                .contains("occurredAt: 2026-03-02T13:00:00.001Z is in the future (later than now 2026-03-02T12:00:00Z"
                        + " + maxFutureSkew PT1H)");
    }

    @Test
    void rejectsSentinelDatesBeforeTheEpoch() {
        assertThat(validator.check(new ActivityLogged("e", "L", Instant.EPOCH, null, null), NOW)).isEmpty();
        assertThat(validator.check(new ActivityLogged("e", "L", Instant.parse("1900-01-01T00:00:00Z"), null, null), NOW))
                .contains("occurredAt: 1900-01-01T00:00:00Z is before 1970-01-01T00:00:00Z, the earliest accepted"
                        + " instant (a sentinel date for \"unknown\"?)");
        assertThat(validator.check(new ActivityLogged("e", "L", Instant.EPOCH.minusMillis(1), null, null), NOW))
                .get().asString().startsWith("occurredAt: 1969-12-31T23:59:59.999Z is before");
    }

    @Test
    void spendDatesStartAtOrAfterTheEpochInTheFunnelsZoneAndEndIn9999() {
        // Asia/Shanghai is UTC+8: 1970-01-01 starts at 1969-12-31T16:00:00Z, before the epoch
        assertThat(validator.check(new ChannelSpend("s", "expo", "", LocalDate.of(1970, 1, 1), BigDecimal.ONE, null,
                null))).contains("date: 1970-01-01 starts before 1970-01-01T00:00:00Z in Asia/Shanghai, the earliest"
                        + " accepted instant (a sentinel date for \"unknown\"?)");
        assertThat(validator.check(new ChannelSpend("s", "expo", "", LocalDate.of(1970, 1, 2), BigDecimal.ONE, null,
                null))).isEmpty();
        assertThat(validator.check(new ChannelSpend("s", "expo", "", LocalDate.of(1900, 1, 1), BigDecimal.ONE, null,
                null))).get().asString().startsWith("date: 1900-01-01 starts before");
        assertThat(validator.check(new ChannelSpend("s", "expo", "", LocalDate.of(9999, 12, 31), BigDecimal.ONE, null,
                null))).isEmpty();
        assertThat(validator.check(new ChannelSpend("s", "expo", "", LocalDate.of(10000, 1, 1), BigDecimal.ONE, null,
                null))).contains("date: +10000-01-01 is after 9999-12-31, the latest accepted date");
    }

    @Test
    void rejectsNegativeMoney() {
        assertThat(validator.check(created(null, new BigDecimal("-0.01"), null), NOW))
                .contains("estimatedValue: negative amount -0.01 (money must be >= 0)");
        assertThat(validator.check(moved("won", null, new BigDecimal("-5.00")), NOW))
                .contains("amount: negative amount -5.00 (money must be >= 0)");
        assertThat(validator.check(new LeadUpdated("e", "L", AT, new BigDecimal("-1.00"), false, null, null), NOW))
                .contains("estimatedValue: negative amount -1.00 (money must be >= 0)");
        assertThat(validator.check(spend("s", new BigDecimal("-1.00"), null)))
                .contains("amount: negative amount -1.00 (money must be >= 0)");
    }

    @Test
    void rejectsMoneyOfTenToTheSixteenthAndMoreWhichOnlyAnAvroWriterCanSend() {
        BigDecimal limit = BigDecimal.TEN.pow(16).setScale(2);
        assertThat(validator.check(created(null, limit.subtract(new BigDecimal("0.01")), null), NOW)).isEmpty();
        assertThat(validator.check(created(null, limit, null), NOW))
                .contains("estimatedValue: 10000000000000000.00 is too large (absolute value must be below 10^16)");
        assertThat(validator.check(moved("won", null, limit), NOW)).get().asString().startsWith("amount: ");
        assertThat(validator.check(new LeadUpdated("e", "L", AT, limit, false, null, null), NOW)).isPresent();
        assertThat(validator.check(spend("s", new BigDecimal("1E+22").setScale(2), null)))
                .contains("amount: 10000000000000000000000.00 is too large (absolute value must be below 10^16)");
    }

    @Test
    void rejectsAnotherCurrency() {
        assertThat(validator.check(spend("s", BigDecimal.ONE, "USD")))
                .contains("currency: \"USD\" is not the reporting currency CNY (convert before sending, or omit the field)");
        assertThat(validator.check(spend("s", BigDecimal.ONE, "CNY"))).isEmpty();
        assertThat(validator.check(spend("s", BigDecimal.ONE, null))).isEmpty();
        ParseResult usdLead = EventJson.parse("{\"eventId\":\"e\",\"type\":\"LeadUpdated\",\"leadId\":\"L\","
                + "\"occurredAt\":\"2026-03-02T01:30:00Z\",\"estimatedValue\":\"5\",\"currency\":\"USD\"}");
        assertThat(validator.check(usdLead, NOW)).get().asString().startsWith("currency: \"USD\" is not the reporting currency");
    }

    @Test
    void rejectsMissingIds() {
        assertThat(validator.check(new OwnerChanged(null, "L", AT, "x"), NOW)).contains("eventId: missing");
        assertThat(validator.check(new OwnerChanged("e", null, AT, "x"), NOW)).contains("leadId: missing");
        assertThat(validator.check(new OwnerChanged("e", "", AT, "x"), NOW)).contains("leadId: missing");
        assertThat(validator.check(new OwnerChanged("e", "L", null, "x"), NOW)).contains("occurredAt: missing");
        assertThat(validator.check(new ChannelSpend("", "expo", "", LocalDate.of(2026, 3, 2), BigDecimal.ONE, null, null)))
                .contains("eventId: empty (1..128 characters from ! to ~)");
        assertThat(validator.check(new ChannelSpend("s", "", "", LocalDate.of(2026, 3, 2), BigDecimal.ONE, null, null)))
                .contains("channel: missing");
    }

    @Test
    void unknownLossReasonIsNotARejection() {
        ParseResult r = EventJson.parse("{\"eventId\":\"e\",\"type\":\"LeadLost\",\"leadId\":\"L\","
                + "\"occurredAt\":\"2026-03-02T01:30:00Z\",\"reason\":\"budget_freeze\"}");
        assertThat(validator.check(r, NOW)).isEmpty();
    }

    @Test
    void passesParseRejectionsThrough() {
        assertThat(validator.check(new ParseResult.Rejected("type: missing"), NOW)).isEqualTo(Optional.of("type: missing"));
    }

    static ChannelSpend spend(String id, BigDecimal amount, String currency) {
        return new ChannelSpend(id, "expo", "", LocalDate.of(2026, 3, 2), amount, currency, null);
    }
}
