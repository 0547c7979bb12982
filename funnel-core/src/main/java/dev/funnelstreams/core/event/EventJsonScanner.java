package dev.funnelstreams.core.event;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The fast path of {@link EventJsonReader}: one scan over the UTF-8 bytes of a well-formed, valid line, no
 * Jackson tree and no regular expression. It accepts only the common shape (one object whose values are
 * strings, nulls or flat objects of strings and nulls) and only lines that the tree reader accepts; for
 * anything else, a syntax error, a duplicate key, a number, a rule broken, it answers null and the tree reader
 * decodes the line again and words the rejection. So a rejection reason always comes from one place, and the
 * two paths must agree only on the accepted lines (a differential test checks that they do).
 *
 * <p>Bytes, not characters: the batch report hands it each line as read, so a line is decoded only where a value
 * needs it (a name the reader knows is its constant, an ASCII value a copy). Malformed UTF-8 reads as U+FFFD, as
 * {@code new String(bytes, UTF_8)} reads the whole line: a malformed sequence never spans an ASCII byte, and every
 * value ends at one. A line given as a String is scanned as its UTF-8 bytes unless it holds a surrogate (the
 * tree reader decides those), and a four-byte sequence (a surrogate pair once decoded) takes the tree way too.
 */
final class EventJsonScanner {

    /** Longer lines go the tree way (Jackson limits names to 50,000 characters; this stays below). */
    static final int MAX_LENGTH = 40_000;

    private static final Object NULL = new Object();
    private static final Fallback FALLBACK = new Fallback();
    private static final Set<String> CUSTOMER = Set.of("name", "industry", "size");
    private static final Set<String> CONTACT = Set.of("name", "title", "phone");
    /** Per type, the top-level fields it defines (the others are ignored and listed). */
    private static final Map<String, Set<String>> ALLOWED = EventJsonReader.FIELDS.entrySet().stream()
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> {
                Set<String> all = new HashSet<>(e.getValue());
                if (!e.getKey().equals("ChannelSpend")) {
                    all.addAll(EventJsonReader.COMMON);
                }
                return Set.copyOf(all);
            }));

    private final byte[] b;
    private final int end;
    private int pos;

    private EventJsonScanner(byte[] utf8, int from, int to) {
        this.b = utf8;
        this.pos = from;
        this.end = to;
    }

    /** The parse of {@code line} when it is a valid event of the common shape, else null (take the tree way). */
    static ParseResult tryParse(String line) {
        if (line.length() > MAX_LENGTH) {
            return null;
        }
        byte[] utf8 = line.getBytes(StandardCharsets.UTF_8);
        // as many bytes as characters: all ASCII, no surrogate to look for
        if (utf8.length != line.length()) {
            for (int i = 0; i < line.length(); i++) {
                if (Character.isSurrogate(line.charAt(i))) {
                    return null; // the tree reader reads an unpaired one as Avro carries it, and words the rules on it
                }
            }
        }
        return tryParse(utf8, 0, utf8.length);
    }

    /** {@link #tryParse(String)} of the line whose UTF-8 bytes are {@code utf8[from, to)}. */
    static ParseResult tryParse(byte[] utf8, int from, int to) {
        if (to - from > MAX_LENGTH) {
            return null;
        }
        try {
            EventJsonScanner scanner = new EventJsonScanner(utf8, from, to);
            Obj root = scanner.document();
            return decode(root);
        } catch (Fallback f) {
            return null;
        }
    }

    // ---- syntax

    private Obj document() throws Fallback {
        skipWhitespace();
        Obj root = object(true);
        skipWhitespace();
        if (pos != end) {
            throw FALLBACK;
        }
        return root;
    }

    /** An object at {@code pos} (its '{'); nested ones must be flat. */
    private Obj object(boolean top) throws Fallback {
        expect('{');
        Obj obj = new Obj(top ? 16 : 4);
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return obj;
        }
        while (true) {
            expect('"');
            String name = name();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            int c = peek();
            Object value;
            if (c == '"') {
                pos++;
                value = string();
            } else if (c == 'n' && pos + 4 <= end && b[pos + 1] == 'u' && b[pos + 2] == 'l' && b[pos + 3] == 'l') {
                pos += 4;
                value = NULL;
            } else if (c == '{' && top) {
                value = object(false);
            } else {
                throw FALLBACK; // numbers, booleans, arrays, deeper objects, syntax errors
            }
            obj.put(name, value);
            skipWhitespace();
            int next = peek();
            pos++;
            if (next == '}') {
                return obj;
            }
            if (next != ',') {
                throw FALLBACK;
            }
            skipWhitespace();
        }
    }

    /**
     * The rest of a field name whose opening quote was read: a name the reader knows is its constant (no copy, its
     * hash kept, compared by identity first), any other name as read.
     */
    private String name() throws Fallback {
        int start = pos;
        int at = start;
        while (at < end) {
            int c = b[at];
            if (c == '"') {
                String known = KnownNames.at(b, start, at - start);
                if (known == null) {
                    break;
                }
                pos = at + 1;
                return known;
            }
            if (c == '\\' || c < 0) {
                break; // an escape or a name no event has: read it as any string
            }
            at++;
        }
        return string();
    }

    /** The rest of a string whose opening quote was read. */
    private String string() throws Fallback {
        int start = pos;
        boolean ascii = true;
        while (pos < end) {
            int c = b[pos] & 0xFF;
            if (c == '"') {
                String value = text(start, pos, ascii);
                pos++;
                return value;
            }
            if (c == '\\') {
                return escaped(start);
            }
            if (c < 0x20 || c >= 0xF0) {
                throw FALLBACK; // a control character; a four-byte sequence (a surrogate pair) or no UTF-8 at all
            }
            ascii &= c < 0x80;
            pos++;
        }
        throw FALLBACK;
    }

    /** The text of {@code b[from, to)}, which ends before an ASCII byte (or at the line's end). */
    private String text(int from, int to, boolean ascii) {
        return new String(b, from, to - from, ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    }

    private String escaped(int start) throws Fallback {
        StringBuilder sb = new StringBuilder(pos - start + 16).append(text(start, pos, false));
        while (pos < end) {
            int c = b[pos++] & 0xFF;
            if (c == '"') {
                return sb.toString();
            }
            if (c < 0x20 || c >= 0xF0) {
                throw FALLBACK;
            }
            if (c >= 0x80) {
                int from = pos - 1;
                while (pos < end && b[pos] < 0) {
                    if ((b[pos] & 0xFF) >= 0xF0) {
                        throw FALLBACK;
                    }
                    pos++;
                }
                sb.append(text(from, pos, false));
                continue;
            }
            if (c != '\\') {
                sb.append((char) c);
                continue;
            }
            if (pos >= end) {
                throw FALLBACK;
            }
            int e = b[pos++] & 0xFF;
            switch (e) {
                case '"', '\\', '/' -> sb.append((char) e);
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    if (pos + 4 > end) {
                        throw FALLBACK;
                    }
                    int cp = 0;
                    for (int k = 0; k < 4; k++) {
                        int d = Character.digit(b[pos++] & 0xFF, 16);
                        if (d < 0 || (b[pos - 1] & 0xFF) > 'f') {
                            throw FALLBACK;
                        }
                        cp = cp * 16 + d;
                    }
                    if (Character.isSurrogate((char) cp)) {
                        throw FALLBACK;
                    }
                    sb.append((char) cp);
                }
                default -> throw FALLBACK;
            }
        }
        throw FALLBACK;
    }

    private void skipWhitespace() {
        while (pos < end) {
            int c = b[pos];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private int peek() throws Fallback {
        if (pos >= end) {
            throw FALLBACK;
        }
        return b[pos];
    }

    private void expect(char c) throws Fallback {
        if (peek() != c) {
            throw FALLBACK;
        }
        pos++;
    }

    // ---- the rules of EventJsonReader, on the accepted side only

    private static ParseResult decode(Obj f) throws Fallback {
        String type = f.required("type");
        Set<String> allowed = ALLOWED.get(type);
        if (allowed == null) {
            throw FALLBACK;
        }
        List<String> ignored = new ArrayList<>(0);
        f.ignoreUnknown(allowed, "", ignored);
        if (type.equals("ChannelSpend")) {
            return new ParseResult.Spend(spend(f), ignored);
        }
        String eventId = eventId(f);
        String leadId = f.required("leadId");
        Instant occurredAt = f.instant("occurredAt");
        if (occurredAt == null) {
            throw FALLBACK;
        }
        LeadEvent event;
        String currency = null;
        switch (type) {
            case "LeadCreated" -> {
                Object value = f.get("estimatedValue");
                BigDecimal estimated = moneyAttribute(value);
                event = new LeadCreated(eventId, leadId, occurredAt, f.optional("channel"), f.optional("campaign"),
                        f.text("owner"), f.text("stage"), customer(f, ignored), contact(f, ignored), estimated,
                        isEmpty(value), f.text("tier"));
                currency = f.optional("currency");
            }
            case "StageChanged" -> {
                event = new StageChanged(eventId, leadId, occurredAt, f.required("toStage"), f.optional("fromStage"),
                        f.optional("note"), moneyAttribute(f.get("amount")));
                currency = f.optional("currency");
            }
            case "ActivityLogged" -> event = new ActivityLogged(eventId, leadId, occurredAt, f.text("activity"),
                    f.optional("note"));
            case "OwnerChanged" -> event = new OwnerChanged(eventId, leadId, occurredAt, f.text("owner"));
            case "LeadUpdated" -> {
                Object value = f.get("estimatedValue");
                event = new LeadUpdated(eventId, leadId, occurredAt, moneyAttribute(value), isEmpty(value),
                        f.text("tier"), f.text("industry"));
                currency = f.optional("currency");
            }
            case "LeadLost" -> event = LeadLost.of(eventId, leadId, occurredAt, f.text("reason"), f.text("detail"));
            default -> throw FALLBACK;
        }
        return new ParseResult.Lead(event, currency, ignored);
    }

    private static ChannelSpend spend(Obj f) throws Fallback {
        String eventId = eventId(f);
        String channel = f.required("channel");
        String campaign = f.optional("campaign");
        String dateText = f.required("date");
        LocalDate date;
        try {
            if (!dateText.matches("\\d{4}-\\d{2}-\\d{2}")) {
                throw FALLBACK;
            }
            date = LocalDate.parse(dateText);
        } catch (DateTimeParseException e) {
            throw FALLBACK;
        }
        BigDecimal amount = moneyAttribute(f.get("amount"));
        if (amount == null) {
            throw FALLBACK;
        }
        return new ChannelSpend(eventId, channel, campaign == null ? "" : campaign, date, amount,
                f.optional("currency"), f.instant("reportedAt"));
    }

    private static String eventId(Obj f) throws Fallback {
        String eventId = f.text("eventId");
        if (EventIds.problem(eventId).isPresent()) {
            throw FALLBACK;
        }
        return eventId;
    }

    private static Customer customer(Obj f, List<String> ignored) throws Fallback {
        Obj c = f.object("customer");
        if (c == null) {
            return null;
        }
        c.ignoreUnknown(CUSTOMER, "customer.", ignored);
        Customer customer = new Customer(c.text("name"), c.text("industry"), c.text("size"));
        return customer.name() == null && customer.industry() == null && customer.size() == null ? null : customer;
    }

    private static Contact contact(Obj f, List<String> ignored) throws Fallback {
        Obj c = f.object("contact");
        if (c == null) {
            return null;
        }
        c.ignoreUnknown(CONTACT, "contact.", ignored);
        Contact contact = new Contact(c.text("name"), c.text("title"), c.text("phone"));
        return contact.name() == null && contact.title() == null && contact.phone() == null ? null : contact;
    }

    /** Money: absent, null and "" are null (the caller tells "" apart with {@link #isEmpty}); a bad value falls back. */
    private static BigDecimal moneyAttribute(Object v) throws Fallback {
        if (v == null || v == NULL) {
            return null;
        }
        if (!(v instanceof String text)) {
            throw FALLBACK;
        }
        if (text.isEmpty()) {
            return null;
        }
        try {
            return Money.parse(text);
        } catch (IllegalArgumentException e) {
            throw FALLBACK;
        }
    }

    private static boolean isEmpty(Object v) {
        return v instanceof String text && text.isEmpty();
    }

    /** The fields of one object in document order, names unique. */
    private static final class Obj {
        private String[] names;
        private Object[] values;
        private int size;

        Obj(int capacity) {
            names = new String[capacity];
            values = new Object[capacity];
        }

        void put(String name, Object value) throws Fallback {
            for (int i = 0; i < size; i++) {
                if (names[i].equals(name)) {
                    throw FALLBACK; // a duplicate key: the tree reader words it
                }
            }
            if (size == names.length) {
                names = Arrays.copyOf(names, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            names[size] = name;
            values[size++] = value;
        }

        Object get(String name) {
            for (int i = 0; i < size; i++) {
                if (names[i].equals(name)) {
                    return values[i];
                }
            }
            return null;
        }

        void ignoreUnknown(Set<String> allowed, String prefix, List<String> ignored) {
            for (int i = 0; i < size; i++) {
                if (!allowed.contains(names[i])) {
                    ignored.add(prefix + names[i]);
                }
            }
        }

        String text(String name) throws Fallback {
            Object v = get(name);
            if (v == null || v == NULL) {
                return null;
            }
            if (v instanceof String text) {
                return text;
            }
            throw FALLBACK;
        }

        String optional(String name) throws Fallback {
            return LeadEvents.optional(text(name));
        }

        String required(String name) throws Fallback {
            String value = text(name);
            if (value == null || value.isEmpty()) {
                throw FALLBACK;
            }
            return value;
        }

        Instant instant(String name) throws Fallback {
            String text = optional(name);
            if (text == null) {
                return null;
            }
            try {
                return Rfc3339.parse(text);
            } catch (IllegalArgumentException e) {
                throw FALLBACK;
            }
        }

        Obj object(String name) throws Fallback {
            Object v = get(name);
            if (v == null || v == NULL) {
                return null;
            }
            if (v instanceof Obj o) {
                return o;
            }
            throw FALLBACK;
        }
    }

    /** The field names of every event type and of its nested objects, by length and first character. */
    private static final class KnownNames {
        private static final int MAX = 16;
        private static final String[][][] BY_LENGTH = new String[MAX + 1][128][];

        static {
            Set<String> all = new HashSet<>(EventJsonReader.COMMON);
            EventJsonReader.FIELDS.values().forEach(all::addAll);
            all.addAll(CUSTOMER);
            all.addAll(CONTACT);
            for (String name : all) {
                if (name.length() <= MAX) {
                    String[][] byFirst = BY_LENGTH[name.length()];
                    String[] same = byFirst[name.charAt(0) & 0x7F];
                    String[] grown = same == null ? new String[1] : Arrays.copyOf(same, same.length + 1);
                    grown[grown.length - 1] = name;
                    byFirst[name.charAt(0) & 0x7F] = grown;
                }
            }
        }

        /** The known name spelled by the {@code length} bytes of {@code utf8} at {@code start} (all ASCII), or null. */
        static String at(byte[] utf8, int start, int length) {
            if (length == 0 || length > MAX) {
                return null;
            }
            String[] candidates = BY_LENGTH[length][utf8[start] & 0x7F];
            if (candidates != null) {
                for (String name : candidates) {
                    if (spells(utf8, start, name)) {
                        return name;
                    }
                }
            }
            return null;
        }

        private static boolean spells(byte[] utf8, int start, String name) {
            for (int i = 0; i < name.length(); i++) {
                if (utf8[start + i] != name.charAt(i)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** "Take the tree way": thrown without a stack trace, never escapes this class. */
    private static final class Fallback extends Exception {
        private static final long serialVersionUID = 1L;

        Fallback() {
            super("fallback", null, false, false);
        }
    }
}
