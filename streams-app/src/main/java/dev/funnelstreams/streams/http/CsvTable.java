package dev.funnelstreams.streams.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * JSON rows as one CSV table (RFC 4180): UTF-8 with a byte order mark (Excel reads the file as
 * UTF-8 only with it: the Chinese stage names), CRLF line ends, one header row of the field names,
 * nested objects flattened with dots ({@code key.stage}, {@code value.reachedAt.lead}), arrays
 * (weekly review pairs, top loss reasons) as their JSON text in one cell, null as an empty cell.
 *
 * <p>Formula injection: a spreadsheet runs a cell that starts with {@code = + - @} (or a tab or
 * carriage return) as a formula, and owners, channels and leadIds are anyone's text. Such a text
 * cell gets a leading apostrophe ({@code '=cmd...}), which spreadsheets show as text (OWASP's
 * advice). Numbers are not touched: {@code -5.0} (a change in points) and a decimal string like
 * {@code "-12.50"} stay numbers, since a plain number cannot be a formula.
 */
final class CsvTable {

    static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final Pattern PLAIN_NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?");

    private CsvTable() {
    }

    static byte[] of(List<JsonNode> rows) {
        // the columns of every row, in first-seen order, each nested key beside its siblings
        Map<String, Object> shape = new LinkedHashMap<>();
        rows.forEach(r -> merge(shape, r));
        List<String> columns = new ArrayList<>();
        columns(shape, "", columns);
        StringBuilder out = new StringBuilder();
        line(out, columns);
        for (JsonNode r : rows) {
            List<String> cells = new ArrayList<>(columns.size());
            for (String c : columns) {
                cells.add(cell(at(r, c)));
            }
            line(out, cells);
        }
        byte[] text = out.toString().getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[BOM.length + text.length];
        System.arraycopy(BOM, 0, all, 0, BOM.length);
        System.arraycopy(text, 0, all, BOM.length, text.length);
        return all;
    }

    @SuppressWarnings("unchecked")
    private static void merge(Map<String, Object> shape, JsonNode node) {
        node.fields().forEachRemaining(f -> {
            if (f.getValue().isObject()) {
                Object sub = shape.get(f.getKey());
                if (!(sub instanceof Map)) {
                    sub = new LinkedHashMap<String, Object>();
                    shape.put(f.getKey(), sub);
                }
                merge((Map<String, Object>) sub, f.getValue());
            } else {
                shape.putIfAbsent(f.getKey(), Boolean.TRUE);
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static void columns(Map<String, Object> shape, String prefix, List<String> out) {
        shape.forEach((k, v) -> {
            if (v instanceof Map<?, ?> m) {
                columns((Map<String, Object>) m, prefix + k + ".", out);
            } else {
                out.add(prefix + k);
            }
        });
    }

    /** The leaf at a dotted column path; null when absent (a field name never holds a dot in our records). */
    private static JsonNode at(JsonNode row, String column) {
        JsonNode n = row;
        for (String part : column.split("\\.", -1)) {
            n = n == null ? null : n.get(part);
        }
        return n;
    }

    private static String cell(JsonNode n) {
        if (n == null || n.isNull() || n.isObject()) {
            return "";
        }
        if (n.isArray()) {
            return n.toString();
        }
        if (n.isNumber() || n.isBoolean()) {
            return n.asText();
        }
        return guarded(n.asText());
    }

    /** Text as a cell that a spreadsheet shows as text, never runs (see the class comment). */
    static String guarded(String text) {
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 && !PLAIN_NUMBER.matcher(text).matches()) {
            return "'" + text;
        }
        return text;
    }

    private static void line(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(quoted(cells.get(i)));
        }
        out.append("\r\n");
    }

    /** RFC 4180: a field with a comma, quote, CR or LF is enclosed in quotes, its quotes doubled. */
    static String quoted(String cell) {
        if (cell.indexOf(',') < 0 && cell.indexOf('"') < 0 && cell.indexOf('\n') < 0 && cell.indexOf('\r') < 0) {
            return cell;
        }
        return '"' + cell.replace("\"", "\"\"") + '"';
    }
}
