package dev.funnelstreams.ingest.mapping;

import dev.funnelstreams.ingest.source.SourceRow;

/** A compiled {@code when:} test on a row. */
@FunctionalInterface
interface Condition {

    boolean test(SourceRow row);

    Condition ALWAYS = row -> true;
}
