package dev.funnelstreams.ingest.mapping;

/** Thrown while mapping one row when it cannot become events; the message is the reason. */
final class RowRejected extends RuntimeException {

    RowRejected(String reason) {
        super(reason, null, false, false);
    }
}
