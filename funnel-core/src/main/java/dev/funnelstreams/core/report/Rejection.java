package dev.funnelstreams.core.report;

/** A rejected input line of the batch (1-based line number) with its reason: a line of rejected.jsonl. */
public record Rejection(long line, String reason) {
}
