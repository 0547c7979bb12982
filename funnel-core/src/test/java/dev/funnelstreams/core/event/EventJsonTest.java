package dev.funnelstreams.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventJsonTest {

    static final String T = "\"occurredAt\":\"2026-03-02T09:30:00+08:00\"";
    static final Instant AT = Instant.parse("2026-03-02T01:30:00Z");

    static ParseResult parse(String json) {
        return EventJson.parse(json);
    }

    static LeadEvent lead(String json) {
        ParseResult r = parse(json);
        assertThat(r).as(json).isInstanceOf(ParseResult.Lead.class);
        return ((ParseResult.Lead) r).event();
    }

    static ChannelSpend spend(String json) {
        ParseResult r = parse(json);
        assertThat(r).as(json).isInstanceOf(ParseResult.Spend.class);
        return ((ParseResult.Spend) r).spend();
    }

    static String rejection(String json) {
        ParseResult r = parse(json);
        assertThat(r).as(json).isInstanceOf(ParseResult.Rejected.class);
        return ((ParseResult.Rejected) r).reason();
    }

    static String stageChanged(String occurredAt) {
        return "{\"eventId\":\"e-2\",\"type\":\"StageChanged\",\"leadId\":\"L-1\",\"occurredAt\":\"" + occurredAt
                + "\",\"toStage\":\"discovery\"}";
    }

    static String updated(String extra) {
        return "{\"eventId\":\"e-5\",\"type\":\"LeadUpdated\",\"leadId\":\"L-1\"," + T + extra + "}";
    }

    // --- the SPEC section 2 examples

    @Test
    void parsesTheSpecLeadCreated() {
        LeadEvent e = lead("""
                {"eventId":"e-1","type":"LeadCreated","leadId":"L-1","occurredAt":"2026-03-02T09:30:00+08:00",
                 "channel":"expo","campaign":"expo-sh-2026","owner":"zhang.wei","stage":"lead",
                 "customer":{"name":"华东精密","industry":"manufacturing","size":"200-500"},
                 "contact":{"name":"王芳","title":"采购经理","phone":"+86 138 0000 0000"},
                 "estimatedValue":"200000.00","tier":null}""");

        assertThat(e).isEqualTo(new LeadCreated("e-1", "L-1", AT, "expo", "expo-sh-2026", "zhang.wei", "lead",
                new Customer("华东精密", "manufacturing", "200-500"), new Contact("王芳", "采购经理", "+86 138 0000 0000"),
                new BigDecimal("200000.00"), false, null));
        assertThat(e.type()).isEqualTo("LeadCreated");
    }

    @Test
    void parsesEveryOtherSpecExample() {
        assertThat(lead("{\"eventId\":\"e-2\",\"type\":\"StageChanged\",\"leadId\":\"L-1\"," + T
                + ",\"toStage\":\"discovery\",\"fromStage\":\"lead\",\"note\":\"3 demos, good fit\"}"))
                .isEqualTo(new StageChanged("e-2", "L-1", AT, "discovery", "lead", "3 demos, good fit", null));
        assertThat(lead("{\"eventId\":\"e-3\",\"type\":\"ActivityLogged\",\"leadId\":\"L-1\"," + T
                + ",\"activity\":\"call\",\"note\":\"...\"}"))
                .isEqualTo(new ActivityLogged("e-3", "L-1", AT, "call", "..."));
        assertThat(lead("{\"eventId\":\"e-4\",\"type\":\"OwnerChanged\",\"leadId\":\"L-1\"," + T + ",\"owner\":\"li.na\"}"))
                .isEqualTo(new OwnerChanged("e-4", "L-1", AT, "li.na"));
        assertThat(lead(updated(",\"estimatedValue\":\"650000.00\",\"tier\":\"A\",\"industry\":\"retail\"")))
                .isEqualTo(new LeadUpdated("e-5", "L-1", AT, new BigDecimal("650000.00"), false, "A", "retail"));
        assertThat(lead("{\"eventId\":\"e-6\",\"type\":\"LeadLost\",\"leadId\":\"L-1\"," + T
                + ",\"reason\":\"price\",\"detail\":\"10% over budget\"}"))
                .isEqualTo(new LeadLost("e-6", "L-1", AT, "price", "10% over budget"));
        assertThat(spend("{\"eventId\":\"s-1\",\"type\":\"ChannelSpend\",\"channel\":\"online_ads\",\"campaign\":\"kw-crm\","
                + "\"date\":\"2026-03-02\",\"amount\":\"12000.00\",\"currency\":\"CNY\",\"reportedAt\":\"2026-03-03T02:00:00Z\"}"))
                .isEqualTo(new ChannelSpend("s-1", "online_ads", "kw-crm", LocalDate.of(2026, 3, 2),
                        new BigDecimal("12000.00"), "CNY", Instant.parse("2026-03-03T02:00:00Z")));
    }

    // --- RFC 3339

    @ParameterizedTest
    @CsvSource({
        "2026-03-02T09:30:00+08:00, 2026-03-02T01:30:00Z",
        "2026-03-02T01:30:00Z, 2026-03-02T01:30:00Z",
        "2026-03-01T20:00:00-05:30, 2026-03-02T01:30:00Z",
        "2026-03-02T01:30:00-00:00, 2026-03-02T01:30:00Z",
        "2026-03-02T01:30:00.5Z, 2026-03-02T01:30:00.500Z",
        "2026-03-02T01:30:00.12Z, 2026-03-02T01:30:00.120Z",
        "2026-03-02T01:30:00.123Z, 2026-03-02T01:30:00.123Z",
        "2026-03-02T01:30:00.1239Z, 2026-03-02T01:30:00.123Z",
        "2026-03-02T01:30:00.999999999Z, 2026-03-02T01:30:00.999Z",
        "2026-03-02T09:30:00.000000001+08:00, 2026-03-02T01:30:00Z",
        "2024-02-29T23:59:59Z, 2024-02-29T23:59:59Z"
    })
    void acceptsRfc3339AndTruncatesToMillis(String text, String expected) {
        assertThat(lead(stageChanged(text)).occurredAt()).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2026-03-02 09:30|occurredAt: \"2026-03-02 09:30\" is not RFC 3339 (need T, seconds and offset, e.g. 2026-03-02T09:30:00+08:00)",
        "2026-03-02t09:30:00Z|occurredAt: \"2026-03-02t09:30:00Z\" is not RFC 3339 (need upper-case T, e.g. 2026-03-02T09:30:00+08:00)",
        "2026-03-02T09:30:00z|occurredAt: \"2026-03-02T09:30:00z\" is not RFC 3339 (need upper-case Z, e.g. 2026-03-02T09:30:00+08:00)",
        "2026-03-02T09:30+08:00|occurredAt: \"2026-03-02T09:30+08:00\" is not RFC 3339 (need seconds, e.g. 2026-03-02T09:30:00+08:00)",
        "2026-03-02T09:30:00|occurredAt: \"2026-03-02T09:30:00\" is not RFC 3339 (need offset, e.g. 2026-03-02T09:30:00+08:00)",
        "2026-03-02T09:30:00+0800|occurredAt: \"2026-03-02T09:30:00+0800\" is not RFC 3339 (need offset, e.g. 2026-03-02T09:30:00+08:00)",
        "2026-03-02T09:30:00.1234567891Z|occurredAt: \"2026-03-02T09:30:00.1234567891Z\" is not RFC 3339 (a fraction has at most 9 digits, e.g. 2026-03-02T09:30:00+08:00)",
        "2026-03-02T23:59:60Z|occurredAt: \"2026-03-02T23:59:60Z\" is a leap second (not supported; use :59)"
    })
    void rejectsOtherInstantsWithAPreciseReason(String text, String reason) {
        assertThat(rejection(stageChanged(text))).isEqualTo(reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-30T09:30:00Z", "2026-13-01T09:30:00Z", "2026-03-02T24:00:00Z",
        "2026-03-02T09:60:00Z", "2026-03-02T09:30:00+19:00", "2026-03-02T09:30:00+08:60", "2026-03-02T09:30:00,5Z",
        "2026-03-02T09:30:00.Z", "20260302T093000Z", "1772415000", "2026-3-2T09:30:00Z", "+2026-03-02T09:30:00Z"})
    void rejectsInvalidDatesTimesAndOffsets(String text) {
        assertThat(rejection(stageChanged(text))).startsWith("occurredAt: \"" + text + "\" is ");
    }

    @Test
    void rejectsMissingOrNonStringOccurredAt() {
        assertThat(rejection("{\"eventId\":\"e\",\"type\":\"OwnerChanged\",\"leadId\":\"L\"}"))
                .isEqualTo("occurredAt: missing (an RFC 3339 instant such as 2026-03-02T09:30:00+08:00)");
        assertThat(rejection("{\"eventId\":\"e\",\"type\":\"OwnerChanged\",\"leadId\":\"L\",\"occurredAt\":1772415000}"))
                .isEqualTo("occurredAt: must be a string or null (got number 1772415000)");
    }

    // --- money

    @ParameterizedTest
    @CsvSource({"200000.00, 200000.00", "100.5, 100.50", "7, 7.00", "0, 0.00", "-0, 0.00", "007.1, 7.10",
        "-12.5, -12.50", "9999999999999999.99, 9999999999999999.99", "-9999999999999999, -9999999999999999.00"})
    void acceptsMoneyStringsAtScaleTwo(String text, String expected) {
        LeadUpdated u = (LeadUpdated) lead(updated(",\"estimatedValue\":\"" + text + "\""));
        assertThat(u.estimatedValue()).isEqualTo(new BigDecimal(expected));
        assertThat(u.estimatedValue().scale()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e5", "1,000", "+5", ".5", "5.", "5.123", " 5", "5 ", "0x10", "NaN", "Infinity", "１２"})
    void rejectsMalformedMoney(String text) {
        assertThat(rejection(updated(",\"estimatedValue\":\"" + text + "\"")))
                .isEqualTo("estimatedValue: \"" + text + "\" is not a decimal with at most 2 decimals"
                        + " (e.g. \"200000.00\" or \"-12.5\"; no exponent, sign + or thousands separator)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"10000000000000000", "-10000000000000000", "10000000000000000.00", "123456789012345678"})
    void rejectsMoneyOfTenToTheSixteenOrMore(String text) {
        assertThat(rejection(updated(",\"estimatedValue\":\"" + text + "\"")))
                .isEqualTo("estimatedValue: \"" + text + "\" is too large (absolute value must be below 10^16)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"200000", "200000.00", "1.5", "-3", "1e3"})
    void rejectsMoneyAsJsonNumber(String number) {
        assertThat(rejection(updated(",\"estimatedValue\":" + number)))
                .startsWith("estimatedValue: ")
                .endsWith(" is a JSON number (money must be a JSON string such as \"200000.00\")");
        assertThat(rejection(stageChanged("2026-03-02T01:30:00Z").replace("}", ",\"amount\":" + number + "}")))
                .startsWith("amount: ");
    }

    @Test
    void rejectsSpendAmountMissingEmptyOrNumber() {
        String base = "{\"eventId\":\"s-1\",\"type\":\"ChannelSpend\",\"channel\":\"expo\",\"date\":\"2026-03-02\"";
        assertThat(rejection(base + "}")).isEqualTo("amount: missing");
        assertThat(rejection(base + ",\"amount\":\"\"}")).isEqualTo("amount: empty");
        assertThat(rejection(base + ",\"amount\":12000}"))
                .isEqualTo("amount: 12000 is a JSON number (money must be a JSON string such as \"200000.00\")");
    }

    // --- eventId

    @ParameterizedTest
    @ValueSource(strings = {"e", "!", "~", "e-1:x/y{z}", "A_b.c+d=e@f#g$h%i^j&k*l(m)n[o]p|q\\\\r;s'<t>u?v`w"})
    void acceptsPrintableAsciiEventIds(String id) {
        assertThat(lead(stageChanged("2026-03-02T01:30:00Z").replace("\"e-2\"", "\"" + id + "\"")).eventId())
                .isEqualTo(id.replace("\\\\", "\\"));
    }

    @Test
    void acceptsEventIdOf128Characters() {
        String id = "x".repeat(128);
        assertThat(lead(stageChanged("2026-03-02T01:30:00Z").replace("e-2", id)).eventId()).isEqualTo(id);
    }

    @Test
    void rejectsEventIdsOutsideTheRule() {
        String sc = stageChanged("2026-03-02T01:30:00Z");
        assertThat(rejection(sc.replace("e-2", "x".repeat(129)))).isEqualTo("eventId: 129 characters (allowed: 1..128)");
        assertThat(rejection(sc.replace("\"e-2\"", "\"\""))).isEqualTo("eventId: empty (1..128 characters from ! to ~)");
        assertThat(rejection(sc.replace("e-2", "e 2")))
                .isEqualTo("eventId: \"e 2\" has a character outside ! to ~ at position 2 (U+0020; printable ASCII without space only)");
        assertThat(rejection(sc.replace("e-2", "é")))
                .isEqualTo("eventId: \"é\" has a character outside ! to ~ at position 1 (U+00E9; printable ASCII without space only)");
        assertThat(rejection(sc.replace("e-2", "e\\t2")))
                .isEqualTo("eventId: \"e\\u00092\" has a character outside ! to ~ at position 2 (U+0009; printable ASCII without space only)");
        assertThat(rejection(sc.replace("\"eventId\":\"e-2\",", ""))).isEqualTo("eventId: missing");
        assertThat(rejection(sc.replace("\"e-2\"", "2"))).isEqualTo("eventId: must be a string or null (got number 2)");
    }

    // --- "" and null

    @Test
    void emptyOrNullOptionalFieldsAreAbsent() {
        LeadCreated c = (LeadCreated) lead("{\"eventId\":\"e\",\"type\":\"LeadCreated\",\"leadId\":\"L\"," + T
                + ",\"channel\":\"\",\"campaign\":\"\",\"customer\":null,\"contact\":null}");
        assertThat(c.channel()).isNull();
        assertThat(c.campaign()).isNull();
        assertThat(c.customer()).isNull();
        assertThat(c.contact()).isNull();

        StageChanged s = (StageChanged) lead(stageChanged("2026-03-02T01:30:00Z")
                .replace("}", ",\"fromStage\":\"\",\"note\":\"\",\"amount\":\"\"}"));
        assertThat(s).isEqualTo(new StageChanged("e-2", "L-1", AT, "discovery", null, null, null));

        LeadLost l = (LeadLost) lead("{\"eventId\":\"e\",\"type\":\"LeadLost\",\"leadId\":\"L\"," + T
                + ",\"reason\":\"price\",\"detail\":\"\"}");
        assertThat(l.detail()).isNull();
        ActivityLogged a = (ActivityLogged) lead("{\"eventId\":\"e\",\"type\":\"ActivityLogged\",\"leadId\":\"L\"," + T
                + ",\"note\":null}");
        assertThat(a).isEqualTo(new ActivityLogged("e", "L", AT, null, null));
    }

    @Test
    void emptyAttributeClearsAndAbsentOrNullLeaves() {
        LeadUpdated cleared = (LeadUpdated) lead(updated(",\"estimatedValue\":\"\",\"tier\":\"\",\"industry\":\"\""));
        assertThat(cleared).isEqualTo(new LeadUpdated("e-5", "L-1", AT, null, true, "", ""));

        LeadUpdated left = (LeadUpdated) lead(updated(",\"estimatedValue\":null,\"tier\":null"));
        assertThat(left).isEqualTo(new LeadUpdated("e-5", "L-1", AT, null, false, null, null));
        assertThat(lead(updated(""))).isEqualTo(left);

        assertThat(((OwnerChanged) lead("{\"eventId\":\"e\",\"type\":\"OwnerChanged\",\"leadId\":\"L\"," + T
                + ",\"owner\":\"\"}")).owner()).isEmpty();
        assertThat(((OwnerChanged) lead("{\"eventId\":\"e\",\"type\":\"OwnerChanged\",\"leadId\":\"L\"," + T
                + "}")).owner()).isNull();

        LeadCreated c = (LeadCreated) lead("{\"eventId\":\"e\",\"type\":\"LeadCreated\",\"leadId\":\"L\"," + T
                + ",\"owner\":\"\",\"customer\":{\"industry\":\"\"},\"estimatedValue\":\"\",\"tier\":\"\"}");
        assertThat(c.owner()).isEmpty();
        assertThat(c.customer()).isEqualTo(new Customer(null, "", null));
        assertThat(c.estimatedValue()).isNull();
        assertThat(c.estimatedValueCleared()).isTrue();
        assertThat(c.tier()).isEmpty();
    }

    @Test
    void spendCampaignIsEmptyWhenAbsentAndCurrencyNullWhenAbsent() {
        String base = "{\"eventId\":\"s-1\",\"type\":\"ChannelSpend\",\"channel\":\"expo\",\"date\":\"2026-03-02\","
                + "\"amount\":\"5\"";
        ChannelSpend absent = spend(base + "}");
        assertThat(absent).isEqualTo(new ChannelSpend("s-1", "expo", "", LocalDate.of(2026, 3, 2),
                new BigDecimal("5.00"), null, null));
        assertThat(spend(base + ",\"campaign\":null,\"currency\":\"\",\"reportedAt\":\"\"}")).isEqualTo(absent);
        assertThat(spend(base + ",\"campaign\":\"\",\"reportedAt\":null}")).isEqualTo(absent);
    }

    @Test
    void rejectsBadSpendFields() {
        String base = "{\"eventId\":\"s-1\",\"type\":\"ChannelSpend\",\"amount\":\"5\"";
        assertThat(rejection(base + ",\"date\":\"2026-03-02\"}")).isEqualTo("channel: missing");
        assertThat(rejection(base + ",\"channel\":\"\",\"date\":\"2026-03-02\"}")).isEqualTo("channel: empty");
        assertThat(rejection(base + ",\"channel\":\"x\"}")).isEqualTo("date: missing");
        assertThat(rejection(base + ",\"channel\":\"x\",\"date\":\"2026-3-2\"}"))
                .isEqualTo("date: \"2026-3-2\" is not a date YYYY-MM-DD (a local date in the funnel time zone)");
        assertThat(rejection(base + ",\"channel\":\"x\",\"date\":\"2026-02-30\"}")).startsWith("date: \"2026-02-30\"");
        assertThat(((ParseResult.Spend) EventJson.parse(base + ",\"channel\":\"x\",\"date\":\"2026-03-02\","
                + "\"leadId\":\"L\"}")).ignored()).containsExactly("leadId");
        assertThat(rejection(base + ",\"channel\":\"x\",\"date\":\"2026-03-02\",\"reportedAt\":\"yesterday\"}"))
                .startsWith("reportedAt: \"yesterday\" is not RFC 3339");
    }

    // --- structure

    @Test
    void ignoresAFieldTheTypeDoesNotDefineWhateverItsValueAndListsIt() {
        ParseResult.Lead owner = (ParseResult.Lead) EventJson.parse("{\"eventId\":\"e\",\"type\":\"OwnerChanged\","
                + "\"leadId\":\"L\"," + T + ",\"owner\":\"li.na\",\"onwer\":\"x\",\"note\":{\"any\":[1]},"
                + "\"source_url\":null}");
        assertThat(owner.ignored()).containsExactly("onwer", "note", "source_url");
        assertThat(owner.event()).isEqualTo(((ParseResult.Lead) EventJson.parse("{\"eventId\":\"e\",\"type\":"
                + "\"OwnerChanged\",\"leadId\":\"L\"," + T + ",\"owner\":\"li.na\"}")).event());
        ParseResult.Lead created = (ParseResult.Lead) EventJson.parse("{\"eventId\":\"e\",\"type\":\"LeadCreated\","
                + "\"leadId\":\"L\"," + T + ",\"customer\":{\"region\":\"east\",\"name\":\"ACME\"}}");
        assertThat(created.ignored()).containsExactly("customer.region");
        // currency is not an ActivityLogged field: ignored, so not checked against the reporting currency
        ParseResult.Lead activity = (ParseResult.Lead) EventJson.parse("{\"eventId\":\"e\",\"type\":\"ActivityLogged\","
                + "\"leadId\":\"L\"," + T + ",\"currency\":\"USD\"}");
        assertThat(activity.ignored()).containsExactly("currency");
        assertThat(activity.currency()).isNull();
    }

    @Test
    void rejectsUnknownOrMissingType() {
        assertThat(rejection("{\"eventId\":\"e\",\"type\":\"LeadDeleted\",\"leadId\":\"L\"," + T + "}"))
                .isEqualTo("type: unknown event type \"LeadDeleted\" (known: LeadCreated, StageChanged, ActivityLogged,"
                        + " OwnerChanged, LeadUpdated, LeadLost, ChannelSpend)");
        assertThat(rejection("{\"eventId\":\"e\",\"leadId\":\"L\"," + T + "}")).isEqualTo("type: missing");
    }

    @Test
    void rejectsMissingLeadIdAndToStage() {
        assertThat(rejection("{\"eventId\":\"e\",\"type\":\"OwnerChanged\"," + T + "}")).isEqualTo("leadId: missing");
        assertThat(rejection("{\"eventId\":\"e\",\"type\":\"OwnerChanged\",\"leadId\":\"\"," + T + "}"))
                .isEqualTo("leadId: empty");
        assertThat(rejection("{\"eventId\":\"e\",\"type\":\"StageChanged\",\"leadId\":\"L\"," + T + "}"))
                .isEqualTo("toStage: missing");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[1,2]|not a JSON object (one JSON object per line)",
        "\"text\"|not a JSON object (one JSON object per line)",
        "''|empty line (one JSON object per line)"
    })
    void rejectsLinesThatAreNoObject(String line, String reason) {
        assertThat(rejection(line)).isEqualTo(reason);
    }

    @Test
    void rejectsBrokenJsonDuplicateKeysAndTrailingContent() {
        assertThat(rejection("{\"eventId\":\"e\",")).startsWith("not valid JSON: ");
        assertThat(rejection("{\"eventId\":\"e\",\"eventId\":\"f\"}")).startsWith("not valid JSON: Duplicate field 'eventId'");
        assertThat(rejection("{\"eventId\":\"e\"} {}")).startsWith("not valid JSON: ");
    }

    @Test
    void rejectionReasonsNeverQuoteContactData() {
        String phoneNumber = "{\"eventId\":\"e\",\"type\":\"LeadCreated\",\"leadId\":\"L\"," + T
                + ",\"contact\":{\"phone\":13800001111}}";
        assertThat(rejection(phoneNumber)).isEqualTo("contact.phone: must be a string or null (got number)");
        String unquoted = "{\"eventId\":\"e\",\"type\":\"LeadCreated\",\"leadId\":\"L\"," + T
                + ",\"contact\":{\"name\":WangFang}}";
        assertThat(rejection(unquoted)).startsWith("not valid JSON: ").doesNotContain("WangFang");
    }

    // --- loss reasons

    @Test
    void unknownOrMissingLossReasonCountsAsOtherKeepingTheText() {
        String base = "{\"eventId\":\"e\",\"type\":\"LeadLost\",\"leadId\":\"L\"," + T;
        assertThat(lead(base + ",\"reason\":\"budget_freeze\"}")).isEqualTo(new LeadLost("e", "L", AT, "other", "budget_freeze"));
        assertThat(lead(base + ",\"reason\":\"budget_freeze\",\"detail\":\"Q3 freeze\"}"))
                .isEqualTo(new LeadLost("e", "L", AT, "other", "budget_freeze: Q3 freeze"));
        assertThat(lead(base + "}")).isEqualTo(new LeadLost("e", "L", AT, "other", null));
        assertThat(lead(base + ",\"reason\":\"\",\"detail\":\"gone\"}")).isEqualTo(new LeadLost("e", "L", AT, "other", "gone"));
        assertThat(lead(base + ",\"reason\":\"competitor\"}")).isEqualTo(new LeadLost("e", "L", AT, "competitor", null));
    }

    // --- currency on lead events

    @Test
    void keepsTheCurrencyOfALeadEventBesideTheEvent() {
        ParseResult r = parse(updated(",\"estimatedValue\":\"5\",\"currency\":\"USD\""));
        assertThat(r).isInstanceOf(ParseResult.Lead.class);
        assertThat(((ParseResult.Lead) r).currency()).isEqualTo("USD");
        assertThat(((ParseResult.Lead) parse(updated(""))).currency()).isNull();
    }

    // --- same content

    @Test
    void sameInstantInTwoOffsetsIsTheSameContent() {
        assertThat(lead(stageChanged("2026-03-02T09:30:00+08:00"))).isEqualTo(lead(stageChanged("2026-03-02T01:30:00Z")));
        assertThat(lead(stageChanged("2026-03-02T09:30:00.1234+08:00")))
                .isEqualTo(lead(stageChanged("2026-03-02T01:30:00.123Z")));
    }

    @Test
    void equalMoneyValuesAreTheSameContent() {
        assertThat(lead(updated(",\"estimatedValue\":\"100.5\""))).isEqualTo(lead(updated(",\"estimatedValue\":\"100.50\"")));
        assertThat(lead(updated(",\"estimatedValue\":\"100\""))).isEqualTo(lead(updated(",\"estimatedValue\":\"100.00\"")));
        assertThat(lead(updated(",\"estimatedValue\":\"100.5\""))).isNotEqualTo(lead(updated(",\"estimatedValue\":\"100.51\"")));
    }

    @Test
    void keyOrderWhitespaceAndAbsentVersusNullOrEmptyDoNotMatter() {
        LeadEvent a = lead("{\"eventId\":\"e-2\",\"type\":\"StageChanged\",\"leadId\":\"L-1\",\"occurredAt\":\"2026-03-02T01:30:00Z\","
                + "\"toStage\":\"discovery\"}");
        LeadEvent b = lead(" { \"toStage\" : \"discovery\", \"note\": \"\", \"fromStage\": null, \"amount\": \"\",\n"
                + "\"leadId\":\"L-1\",\"occurredAt\":\"2026-03-02T09:30:00+08:00\", \"type\":\"StageChanged\",\"eventId\":\"e-2\" } ");
        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(lead(stageChanged("2026-03-02T01:30:00Z").replace("}", ",\"note\":\"x\"}")));
    }

    @Test
    void clearingIsDifferentContentFromLeaving() {
        assertThat(lead(updated(",\"tier\":\"\""))).isNotEqualTo(lead(updated(",\"tier\":null")));
        assertThat(lead(updated(",\"estimatedValue\":\"\""))).isNotEqualTo(lead(updated("")));
    }
}
