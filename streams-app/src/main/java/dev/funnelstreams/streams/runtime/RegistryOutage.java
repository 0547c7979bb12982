package dev.funnelstreams.streams.runtime;

import dev.funnelstreams.streams.topology.ProcessingErrors;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a stream thread does when it dies: a schema registry outage (unreachable, 5xx, 401/403 on a cache miss
 * or a first registration) is waited out. The thread probes the registry with backoff (1 s doubling to 30 s),
 * logs once when the outage starts and once when it ends, and is then replaced; under exactly-once the
 * record it failed on was not committed, so the new thread processes it again and nothing is lost or counted
 * twice. Any other exception is a bug: the client shuts down, loudly, as Kafka Streams does by default.
 */
public final class RegistryOutage implements StreamsUncaughtExceptionHandler {

    /** Answers when the registry is usable again; throws (or returns false) while it is not. */
    @FunctionalInterface
    public interface Probe {
        boolean answers();
    }

    static final Duration FIRST_WAIT = Duration.ofSeconds(1);
    static final Duration MAX_WAIT = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(RegistryOutage.class);

    private final Probe probe;
    private final Consumer<Thread> replacing;
    private final Clock clock;
    private final Sleeper sleeper;
    private final AtomicLong since = new AtomicLong(-1);
    private final AtomicLong outages = new AtomicLong();
    private volatile boolean closing;
    private volatile String reason;

    /** Sleeps; a test passes one that does not. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    /** {@code replacing}: told the failing thread just before it is replaced (see ReplacedThreadMembership). */
    public RegistryOutage(Probe probe, Consumer<Thread> replacing) {
        this(probe, replacing, Clock.systemUTC(), d -> Thread.sleep(d.toMillis()));
    }

    RegistryOutage(Probe probe, Clock clock, Sleeper sleeper) {
        this(probe, t -> { }, clock, sleeper);
    }

    RegistryOutage(Probe probe, Consumer<Thread> replacing, Clock clock, Sleeper sleeper) {
        this.probe = probe;
        this.replacing = replacing;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    @Override
    public StreamThreadExceptionResponse handle(Throwable exception) {
        if (!ProcessingErrors.isRegistryOutage(exception)) {
            LOG.error("stream thread failed; shutting down (a bug, not bad data: bad records go to the DLQ)",
                    exception);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        Instant start = clock.instant();
        reason = ProcessingErrors.registryOutage(exception).map(Throwable::getMessage).orElse("");
        if (since.compareAndSet(-1, start.toEpochMilli())) {
            outages.incrementAndGet();
            LOG.warn("schema registry unavailable ({}); waiting for it, processing resumes by itself", reason);
        }
        Duration wait = FIRST_WAIT;
        try {
            while (!closing && !answers()) {
                sleeper.sleep(wait);
                wait = wait.multipliedBy(2).compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait.multipliedBy(2);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long began = since.getAndSet(-1);
        if (began >= 0) {
            LOG.warn("schema registry answers again after {} s; replacing the stream thread, which processes the"
                    + " uncommitted records again", Duration.between(Instant.ofEpochMilli(began), clock.instant())
                            .toSeconds());
        }
        if (!closing) {   // a closing app keeps its membership as its close does (streams.leaveGroupOnClose)
            replacing.accept(Thread.currentThread());
        }
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }

    /** Stops waiting: the app is closing. */
    public void close() {
        closing = true;
    }

    /** Why processing waits, while it does: for {@code /health/ready}. */
    public Optional<String> current() {
        long began = since.get();
        return began < 0 ? Optional.empty() : Optional.of("schema registry unavailable since "
                + Instant.ofEpochMilli(began) + " (" + reason + "); waiting for it");
    }

    /** How many outages began since start (a metric). */
    public long outages() {
        return outages.get();
    }

    private boolean answers() {
        try {
            return probe.answers();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
