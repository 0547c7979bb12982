package dev.funnelstreams.streams;

import java.util.Optional;
import java.util.function.Predicate;

/** Looks through a cause chain: Kafka's clients wrap what happened in ExecutionException or KafkaException. */
public final class Causes {

    private Causes() {
    }

    /** The first of {@code e} and its causes that {@code which} accepts. */
    public static Optional<Throwable> first(Throwable e, Predicate<Throwable> which) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (which.test(t)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
