package dev.funnelstreams.ingest.source;

/**
 * One record of an input file: where it starts (1-based line), its raw text (kept for the
 * rejected-rows topic) and its fields by column name.
 */
public interface SourceRow {

    /** 1-based number of the line the record starts on. */
    long line();

    /** The record exactly as it was in the file, without the line break after it. */
    String raw();

    /**
     * The text of a column, or null when the row has no such column or the value is JSON null.
     * JSON rows take dotted paths ({@code properties.dealstage}).
     */
    String get(String column);

    /** Why the record could not be read (bad quoting, wrong field count, bad JSON), or null. */
    default String malformed() {
        return null;
    }
}
