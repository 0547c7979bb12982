package dev.funnelstreams.ingest.mapping;

import dev.funnelstreams.ingest.source.SourceRow;

/** Wraps a value so its text is normalised to the canonical form of the field's kind. */
final class Conversions {

    private Conversions() {
    }

    static Value of(Value inner, FieldKind kind, TimeFormat time) {
        if (kind == FieldKind.TEXT) {
            return inner;
        }
        return new Value() {
            @Override
            public String eval(SourceRow row) {
                String v = inner.eval(row);
                if (v == null || v.isEmpty()) {
                    return v;
                }
                try {
                    return switch (kind) {
                        case INSTANT -> TimeFormat.format(time.instant(v));
                        case DATE -> time.date(v).toString();
                        case MONEY -> Money.normalise(v);
                        case TEXT -> v;
                    };
                } catch (RowRejected e) {
                    throw new RowRejected(e.getMessage() + " (" + inner.describe() + ")");
                }
            }

            @Override
            public String describe() {
                return inner.describe();
            }
        };
    }
}
