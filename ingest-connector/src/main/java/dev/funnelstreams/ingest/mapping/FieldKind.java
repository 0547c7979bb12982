package dev.funnelstreams.ingest.mapping;

/** How a canonical field's text is normalised: as is, an instant, a local date, or money. */
enum FieldKind {
    TEXT, INSTANT, DATE, MONEY
}
