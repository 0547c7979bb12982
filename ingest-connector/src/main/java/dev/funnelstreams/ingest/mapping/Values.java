package dev.funnelstreams.ingest.mapping;

import dev.funnelstreams.ingest.source.SourceRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The sources a value can come from: a column, a joined row's column, a constant, a template. */
final class Values {

    private Values() {
    }

    /** Column text, stripped; "" and absent both give null. */
    static Value column(String name) {
        return new Value() {
            @Override
            public String eval(SourceRow row) {
                return blankToNull(row.get(name));
            }

            @Override
            public String describe() {
                return "column '" + name + "'";
            }
        };
    }

    static Value constant(String text) {
        return new Value() {
            @Override
            public String eval(SourceRow row) {
                return text;
            }

            @Override
            public String describe() {
                return "constant '" + text + "'";
            }
        };
    }

    /** A column of the partner row in a lookup table; null when the row has no partner. */
    static Value lookup(LookupTable table, String columnName) {
        return new Value() {
            @Override
            public String eval(SourceRow row) {
                SourceRow partner = table.find(row);
                return partner == null ? null : blankToNull(partner.get(columnName));
            }

            @Override
            public String describe() {
                return "lookup " + table.name() + " column '" + columnName + "'";
            }
        };
    }

    /**
     * {@code "lc-${opportunity_id}"}: literal text with {@code ${column}} references. When any
     * referenced column is empty the whole value is empty, so that a required field notices.
     */
    static Value template(String text, String key) {
        List<String> literals = new ArrayList<>();
        List<String> columns = new ArrayList<>();
        int i = 0;
        StringBuilder lit = new StringBuilder();
        while (i < text.length()) {
            int start = text.indexOf("${", i);
            if (start < 0) {
                lit.append(text, i, text.length());
                break;
            }
            int end = text.indexOf('}', start);
            if (end < 0) {
                throw new MappingException(key, "'${' without a closing '}' in \"" + text + "\"");
            }
            lit.append(text, i, start);
            literals.add(lit.toString());
            lit.setLength(0);
            String col = text.substring(start + 2, end);
            if (col.isBlank()) {
                throw new MappingException(key, "empty ${} in \"" + text + "\"");
            }
            columns.add(col);
            i = end + 1;
        }
        if (columns.isEmpty()) {
            return constant(text);
        }
        String tail = lit.toString();
        String[] lits = literals.toArray(new String[0]);
        String[] cols = columns.toArray(new String[0]);
        return new Value() {
            @Override
            public String eval(SourceRow row) {
                StringBuilder out = new StringBuilder(32);
                for (int k = 0; k < cols.length; k++) {
                    String v = blankToNull(row.get(cols[k]));
                    if (v == null) {
                        return null;
                    }
                    out.append(lits[k]).append(v);
                }
                return out.append(tail).toString();
            }

            @Override
            public String describe() {
                return "template \"" + text + "\"";
            }
        };
    }

    /**
     * Translates through a label map (CRM stage names to stage ids). {@code unmapped}: reject the
     * row (default), keep the text, or give null.
     */
    static Value mapped(Value inner, Map<String, String> labels, String unmapped) {
        return new Value() {
            @Override
            public String eval(SourceRow row) {
                String v = inner.eval(row);
                if (v == null) {
                    return null;
                }
                String m = labels.get(v);
                if (m != null || labels.containsKey(v)) {
                    return blankToNull(m);
                }
                return switch (unmapped) {
                    case "keep" -> v;
                    case "empty" -> null;
                    default -> throw new RowRejected("'" + v + "' from " + inner.describe() + " is not in the map");
                };
            }

            @Override
            public String describe() {
                return inner.describe();
            }
        };
    }

    /** Gives {@code fallback} when the inner value is empty (e.g. channel "unknown"). */
    static Value ifEmpty(Value inner, String fallback) {
        return new Value() {
            @Override
            public String eval(SourceRow row) {
                String v = inner.eval(row);
                return v == null ? fallback : v;
            }

            @Override
            public String describe() {
                return inner.describe();
            }
        };
    }

    static String blankToNull(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }
}
