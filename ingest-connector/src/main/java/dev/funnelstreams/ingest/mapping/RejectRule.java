package dev.funnelstreams.ingest.mapping;

/** A {@code reject:} entry: rows for which {@code when} holds are rejected with {@code reason}. */
record RejectRule(Condition when, String reason) {
}
