package dev.funnelstreams.core.event;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Decodes one line of canonical JSON (see {@link EventJson#parse}): valid lines of the common shape by
 * {@link EventJsonScanner}, everything else (and every rejection) by a Jackson tree.
 */
final class EventJsonReader {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    static final List<String> COMMON = List.of("eventId", "type", "leadId", "occurredAt");
    static final Map<String, List<String>> FIELDS = Map.of(
            "LeadCreated", List.of("channel", "campaign", "owner", "stage", "customer", "contact", "estimatedValue",
                    "tier", "currency"),
            "StageChanged", List.of("toStage", "fromStage", "note", "amount", "currency"),
            "ActivityLogged", List.of("activity", "note"),
            "OwnerChanged", List.of("owner"),
            "LeadUpdated", List.of("estimatedValue", "tier", "industry", "currency"),
            "LeadLost", List.of("reason", "detail"),
            "ChannelSpend", List.of("eventId", "type", "channel", "campaign", "date", "amount", "currency",
                    "reportedAt"));
    private static final String TYPES =
            "LeadCreated, StageChanged, ActivityLogged, OwnerChanged, LeadUpdated, LeadLost, ChannelSpend";
    private static final Pattern LONG_QUOTE = Pattern.compile("'[^']{2,}'");

    private EventJsonReader() {
    }

    static ParseResult parse(String line) {
        ParseResult fast = EventJsonScanner.tryParse(line);
        return fast != null ? fast : reference(line);
    }

    static ParseResult parse(byte[] utf8, int from, int to) {
        ParseResult fast = EventJsonScanner.tryParse(utf8, from, to);
        return fast != null ? fast : reference(new String(utf8, from, to - from, StandardCharsets.UTF_8));
    }

    /**
     * The tree's decode of a line read as the Avro events carry it: an unpaired surrogate as {@code ?}
     * ({@link UnpairedSurrogates}; the scanner leaves every line with a surrogate to this). A rejected line
     * keeps its own reason and columns.
     */
    static ParseResult reference(String line) {
        String avroText = UnpairedSurrogates.asQuestionMarks(line);
        if (avroText == line) {
            return parseTree(line);
        }
        ParseResult raw = parseTree(line);
        return raw instanceof ParseResult.Rejected ? raw : parseTree(avroText);
    }

    /** The reference decoder: a Jackson tree, every rule with its reason. */
    static ParseResult parseTree(String line) {
        JsonNode root;
        try {
            root = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            return new ParseResult.Rejected("not valid JSON: " + syntaxError(e));
        }
        if (root == null || root.isMissingNode()) {
            return new ParseResult.Rejected("empty line (one JSON object per line)");
        }
        if (!root.isObject()) {
            return new ParseResult.Rejected("not a JSON object (one JSON object per line)");
        }
        try {
            return decode(new Fields(root, ""));
        } catch (Invalid e) {
            return new ParseResult.Rejected(e.getMessage());
        }
    }

    private static ParseResult decode(Fields f) throws Invalid {
        String type = f.required("type");
        List<String> own = FIELDS.get(type);
        if (own == null) {
            throw new Invalid("type: unknown event type \"" + type + "\" (known: " + TYPES + ")");
        }
        if (type.equals("ChannelSpend")) {
            f.ignoreUnknown(own);
            return new ParseResult.Spend(spend(f), f.ignored);
        }
        f.ignoreUnknown(concat(COMMON, own));
        String eventId = eventId(f);
        String leadId = f.required("leadId");
        Instant occurredAt = f.instant("occurredAt");
        if (occurredAt == null) {
            throw new Invalid("occurredAt: missing (an RFC 3339 instant such as 2026-03-02T09:30:00+08:00)");
        }
        LeadEvent event = switch (type) {
            case "LeadCreated" -> {
                Attr value = f.moneyAttribute("estimatedValue");
                yield new LeadCreated(eventId, leadId, occurredAt, f.optional("channel"), f.optional("campaign"),
                        f.text("owner"), f.text("stage"), customer(f), contact(f), value.value(), value.cleared(),
                        f.text("tier"));
            }
            case "StageChanged" -> new StageChanged(eventId, leadId, occurredAt, f.required("toStage"),
                    f.optional("fromStage"), f.optional("note"), f.money("amount"));
            case "ActivityLogged" -> new ActivityLogged(eventId, leadId, occurredAt, f.text("activity"),
                    f.optional("note"));
            case "OwnerChanged" -> new OwnerChanged(eventId, leadId, occurredAt, f.text("owner"));
            case "LeadUpdated" -> {
                Attr value = f.moneyAttribute("estimatedValue");
                yield new LeadUpdated(eventId, leadId, occurredAt, value.value(), value.cleared(), f.text("tier"),
                        f.text("industry"));
            }
            case "LeadLost" -> LeadLost.of(eventId, leadId, occurredAt, f.text("reason"), f.text("detail"));
            default -> throw new IllegalStateException("type without decoder: " + type);
        };
        return new ParseResult.Lead(event, own.contains("currency") ? f.optional("currency") : null, f.ignored);
    }

    private static ChannelSpend spend(Fields f) throws Invalid {
        String eventId = eventId(f);
        String channel = f.required("channel");
        String campaign = f.optional("campaign");
        String dateText = f.required("date");
        LocalDate date;
        try {
            if (!dateText.matches("\\d{4}-\\d{2}-\\d{2}")) {
                throw new DateTimeParseException("format", dateText, 0);
            }
            date = LocalDate.parse(dateText);
        } catch (DateTimeParseException e) {
            throw new Invalid("date: \"" + dateText + "\" is not a date YYYY-MM-DD (a local date in the funnel time zone)");
        }
        BigDecimal amount = f.money("amount");
        if (amount == null) {
            f.required("amount"); // says missing or empty
        }
        return new ChannelSpend(eventId, channel, campaign == null ? "" : campaign, date, amount,
                f.optional("currency"), f.instant("reportedAt"));
    }

    private static String eventId(Fields f) throws Invalid {
        String eventId = f.text("eventId");
        var problem = EventIds.problem(eventId);
        if (problem.isPresent()) {
            throw new Invalid(problem.get());
        }
        return eventId;
    }

    private static Customer customer(Fields f) throws Invalid {
        Fields c = f.object("customer");
        if (c == null) {
            return null;
        }
        c.ignoreUnknown(List.of("name", "industry", "size"));
        Customer customer = new Customer(c.text("name"), c.text("industry"), c.text("size"));
        return customer.equals(new Customer(null, null, null)) ? null : customer;
    }

    /** Personal data: errors here never quote the values. */
    private static Contact contact(Fields f) throws Invalid {
        Fields c = f.object("contact");
        if (c == null) {
            return null;
        }
        c.ignoreUnknown(List.of("name", "title", "phone"));
        Contact contact = new Contact(c.privateText("name"), c.privateText("title"), c.privateText("phone"));
        return contact.equals(new Contact(null, null, null)) ? null : contact;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }

    /** Jackson's message without quoted input text (a bad line may hold contact data), plus the column. */
    private static String syntaxError(JsonProcessingException e) {
        String message = e.getOriginalMessage() == null ? "syntax error" : e.getOriginalMessage();
        message = message.lines().findFirst().orElse("syntax error");
        if (!message.startsWith("Duplicate field")) { // a field name is no personal data; a token may be
            message = LONG_QUOTE.matcher(message).replaceAll("'...'");
        }
        String column = e.getLocation() == null ? "" : " (column " + e.getLocation().getColumnNr() + ")";
        return message + column;
    }

    private record Attr(BigDecimal value, boolean cleared) {
    }

    /** A rejection; cheap to throw (no stack trace), never escapes this class. */
    private static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    /** Typed access to the fields of one JSON object; {@code prefix} names nested objects in messages. */
    private static final class Fields {
        private final JsonNode node;
        private final String prefix;
        /** The ignored fields of the whole line, nested objects' included ({@code customer.region}). */
        private final List<String> ignored;

        Fields(JsonNode node, String prefix) {
            this(node, prefix, new ArrayList<>());
        }

        private Fields(JsonNode node, String prefix, List<String> ignored) {
            this.node = node;
            this.prefix = prefix;
            this.ignored = ignored;
        }

        /** Notes the fields not in {@code allowed}: SPEC section 8 ignores them, whatever their value. */
        void ignoreUnknown(List<String> allowed) {
            for (String name : (Iterable<String>) node::fieldNames) {
                if (!allowed.contains(name)) {
                    ignored.add(prefix + name);
                }
            }
        }

        /** A string, "" kept; absent or null is null. */
        String text(String name) throws Invalid {
            JsonNode v = node.get(name);
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isTextual()) {
                throw new Invalid(prefix + name + ": must be a string or null (got " + kind(v)
                        + (v.isValueNode() ? " " + v : "") + ")");
            }
            return v.textValue();
        }

        String privateText(String name) throws Invalid {
            JsonNode v = node.get(name);
            if (v != null && !v.isNull() && !v.isTextual()) {
                throw new Invalid(prefix + name + ": must be a string or null (got " + kind(v) + ")");
            }
            return v == null || v.isNull() ? null : v.textValue();
        }

        /** An optional non-attribute field: absent, null and "" are all null. */
        String optional(String name) throws Invalid {
            return LeadEvents.optional(text(name));
        }

        String required(String name) throws Invalid {
            String value = text(name);
            if (value == null) {
                throw new Invalid(prefix + name + ": missing");
            }
            if (value.isEmpty()) {
                throw new Invalid(prefix + name + ": empty");
            }
            return value;
        }

        Instant instant(String name) throws Invalid {
            String text = optional(name);
            if (text == null) {
                return null;
            }
            try {
                return Rfc3339.parse(text);
            } catch (IllegalArgumentException e) {
                throw new Invalid(prefix + name + ": " + e.getMessage());
            }
        }

        /** Optional money: absent, null and "" are null. */
        BigDecimal money(String name) throws Invalid {
            Attr a = moneyAttribute(name);
            return a.value();
        }

        /** Money attribute: absent or null leaves it (null, false); "" clears it (null, true). */
        Attr moneyAttribute(String name) throws Invalid {
            JsonNode v = node.get(name);
            if (v == null || v.isNull()) {
                return new Attr(null, false);
            }
            if (v.isNumber()) {
                throw new Invalid(prefix + name + ": " + v + " is a JSON number (money must be a JSON string such as \""
                        + "200000.00\")");
            }
            String text = text(name);
            if (text.isEmpty()) {
                return new Attr(null, true);
            }
            try {
                return new Attr(Money.parse(text), false);
            } catch (IllegalArgumentException e) {
                throw new Invalid(prefix + name + ": " + e.getMessage());
            }
        }

        Fields object(String name) throws Invalid {
            JsonNode v = node.get(name);
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isObject()) {
                throw new Invalid(prefix + name + ": must be an object or null (got " + kind(v) + ")");
            }
            return new Fields(v, prefix + name + ".", ignored);
        }

        private static String kind(JsonNode v) {
            return switch (v.getNodeType()) {
                case NUMBER -> "number";
                case BOOLEAN -> "boolean";
                case ARRAY -> "array";
                case OBJECT -> "object";
                case STRING -> "string";
                default -> v.getNodeType().name().toLowerCase(Locale.ROOT);
            };
        }
    }
}
