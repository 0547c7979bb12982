package dev.funnelstreams.ingest.mapping;

import dev.funnelstreams.ingest.source.SourceRow;

/**
 * A compiled value expression of a mapping: reads a row (and lookup tables) and gives text, or
 * null when the value is empty. Throws {@link RowRejected} when the row cannot give a value
 * (a label missing from a map, a date in the wrong format).
 */
interface Value {

    String eval(SourceRow row);

    /** A short description for rejection reasons, e.g. {@code column 'close_date'}. */
    String describe();
}
