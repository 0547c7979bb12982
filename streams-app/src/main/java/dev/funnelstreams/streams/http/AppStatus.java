package dev.funnelstreams.streams.http;

import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * What the running app knows beyond Kafka Streams' own state and metrics, for {@code /health/ready} and
 * {@code /metrics}: why processing waits (a schema registry outage), how many outages began, how many records
 * the processing exception handler set aside.
 */
public record AppStatus(Supplier<Optional<String>> waitingFor, LongSupplier registryOutages,
        LongSupplier processingErrors) {

    /** Nothing beyond Kafka Streams (tests that start only the HTTP layer). */
    public static final AppStatus NONE = new AppStatus(Optional::empty, () -> 0, () -> 0);
}
