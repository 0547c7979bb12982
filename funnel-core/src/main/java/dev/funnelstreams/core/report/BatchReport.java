package dev.funnelstreams.core.report;

import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.event.EventValidator;
import dev.funnelstreams.core.lead.LeadFacts;
import dev.funnelstreams.core.lead.LeadReplay;
import dev.funnelstreams.core.lead.LeadState;
import dev.funnelstreams.core.metrics.CellTotals;
import dev.funnelstreams.core.metrics.ContributionRules;
import dev.funnelstreams.core.metrics.PeriodGroupSums;
import dev.funnelstreams.core.metrics.view.MetricsView;
import dev.funnelstreams.core.metrics.view.OutputRecord;
import dev.funnelstreams.core.metrics.view.OutputTopic;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ObjLongConsumer;

/**
 * Batch mode (SPEC section 7): canonical JSON lines in, the records of every output topic out,
 * computed by the same replay, cells and renderers as the streaming app.
 *
 * <p>"Now" is {@code asOf} when given. Otherwise it is the latest occurredAt among accepted lead
 * events (the wall clock when there is none). In that default case the future-skew check cannot
 * reject anything (no accepted event lies after the latest accepted one), so lines are validated
 * without it; this also avoids reading the file twice.
 *
 * <p>Work on {@code threads} worker threads, with the same result for any number: one thread reads the
 * lines in batches, the workers parse and validate them, the calling thread takes them in line order
 * (duplicates, conflicts and rejections are decided in that order, as by a single thread); then the workers
 * replay the leads, sharded by leadId hash, each into sums of its own ({@link PeriodGroupSums}: a fact's row once
 * per group of periods, not once per period), which are spread over the periods and added at the end (exact sums:
 * the order does not matter). The lead states keep the order of one map of all leads. The output topics
 * are rendered as tasks on the same workers.
 */
public final class BatchReport {

    /** Far enough ahead that {@code now + maxFutureSkew} never rejects: the skew check is off. */
    private static final Instant NO_SKEW_CHECK = Instant.parse("9999-01-01T00:00:00Z");
    /** Lines per parse task. */
    private static final int BATCH = 1_000;
    private static final ParsedLine[] END = new ParsedLine[0];

    private BatchReport() {
    }

    /** The default number of worker threads: the available processors. */
    public static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors();
    }

    public static BatchResult run(FunnelConfig config, Iterator<String> lines, Optional<Instant> asOf) {
        return run(config, lines, asOf, Clock.systemUTC());
    }

    public static BatchResult run(FunnelConfig config, Iterator<String> lines, Optional<Instant> asOf, Clock clock) {
        return run(config, lines, asOf, clock, defaultThreads());
    }

    /** The report on {@code threads} (>= 1) worker threads; the result does not depend on their number. */
    public static BatchResult run(FunnelConfig config, Iterator<String> lines, Optional<Instant> asOf, Clock clock,
            int threads) {
        return run(config, lines, asOf, clock, threads, (phase, nanos) -> { });
    }

    /**
     * {@link #run(FunnelConfig, Iterator, Optional, Clock, int)}, telling {@code phases} how long each phase took
     * (wall-clock nanoseconds), in order: {@code intake} (read, parse, take in line order), {@code replay} (the
     * leads, on the workers, and the sum of their cells) and {@code render} (the output records).
     */
    public static BatchResult run(FunnelConfig config, Iterator<String> lines, Optional<Instant> asOf, Clock clock,
            int threads, ObjLongConsumer<String> phases) {
        return runLines(config, lines, asOf, clock, threads, phases);
    }

    /**
     * {@link #run(FunnelConfig, Iterator, Optional, Clock, int, ObjLongConsumer)} of lines given as their UTF-8 bytes
     * ({@link EventLines#utf8()}): the same result as the lines decoded ({@code new String(line, UTF_8)}), but a line
     * is decoded only where a value needs it.
     */
    public static BatchResult runUtf8(FunnelConfig config, Iterator<byte[]> lines, Optional<Instant> asOf,
            Clock clock, int threads, ObjLongConsumer<String> phases) {
        return runLines(config, lines, asOf, clock, threads, phases);
    }

    /** The report of {@code lines}: each a String, or a line's UTF-8 bytes. */
    private static BatchResult runLines(FunnelConfig config, Iterator<?> lines, Optional<Instant> asOf, Clock clock,
            int threads, ObjLongConsumer<String> phases) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, daemons("funnel-report-worker-"));
        try {
            long start = System.nanoTime();
            BatchIntake intake = intake(config, lines, asOf.orElse(NO_SKEW_CHECK), pool, threads);
            long intook = System.nanoTime();
            phases.accept("intake", intook - start);
            Instant now = asOf.or(intake::latestOccurredAt).orElseGet(clock::instant);
            BatchStats stats = intake.stats();
            LeadBuffer[] leads = intake.leads().values().toArray(new LeadBuffer[0]);
            intake.leads().clear(); // each buffer is dropped once its lead is replayed
            LeadState[] states = new LeadState[leads.length];
            int[] order = byArrival(leads);
            List<Future<CellTotals>> shards = new ArrayList<>(threads);
            for (int w = 0; w < threads; w++) {
                int shard = w;
                shards.add(pool.submit(() -> replay(config, leads, order, states, shard, threads)));
            }
            CellTotals cells = new CellTotals();
            for (Future<CellTotals> shard : shards) {
                cells.add(get(shard).release());
            }
            cells.add(intake.spend().contributions());
            long replayed = System.nanoTime();
            phases.accept("replay", replayed - intook);
            Map<OutputTopic, List<OutputRecord>> records = new MetricsView(config).render(cells, Arrays.asList(states),
                    now, pool);
            phases.accept("render", System.nanoTime() - replayed);
            return new BatchResult(now, stats, records, intake.rejections());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Reads, parses (on the pool) and takes every line in order. */
    private static BatchIntake intake(FunnelConfig config, Iterator<?> lines, Instant skewNow,
            ExecutorService pool, int threads) {
        EventValidator validator = new EventValidator(config);
        BlockingQueue<Future<ParsedLine[]>> parsed = new ArrayBlockingQueue<>(4 * threads + 2);
        Thread reader = daemons("funnel-report-reader-").newThread(() -> {
            try {
                long lineNumber = 0;
                while (lines.hasNext()) {
                    Object[] batch = new Object[BATCH];
                    int n = 0;
                    while (n < BATCH && lines.hasNext()) {
                        batch[n++] = lines.next();
                    }
                    long first = lineNumber + 1;
                    lineNumber += n;
                    int size = n;
                    parsed.put(pool.submit(() -> parse(batch, size, first, validator, skewNow)));
                }
                parsed.put(CompletableFuture.completedFuture(END));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the intake gave up
            } catch (Throwable t) {
                try {
                    parsed.put(CompletableFuture.failedFuture(t));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        reader.start();
        BatchIntake intake = new BatchIntake(config);
        try {
            while (true) {
                ParsedLine[] batch = get(take(parsed));
                if (batch == END) {
                    return intake;
                }
                for (ParsedLine p : batch) {
                    if (p != null) {
                        intake.accept(p);
                    }
                }
            }
        } finally {
            reader.interrupt();
        }
    }

    /** The lines' parses, null for a blank line; a line is a String or its UTF-8 bytes. */
    private static ParsedLine[] parse(Object[] lines, int n, long first, EventValidator validator, Instant now) {
        ParsedLine[] out = new ParsedLine[n];
        for (int i = 0; i < n; i++) {
            if (lines[i] instanceof byte[] utf8) {
                if (!isBlank(utf8)) {
                    out[i] = ParsedLine.of(first + i, utf8, validator, now);
                }
            } else if (!((String) lines[i]).isBlank()) {
                out[i] = ParsedLine.of(first + i, (String) lines[i], validator, now);
            }
        }
        return out;
    }

    /**
     * {@code String.isBlank} of the line decoded, which is decoded only when a non-ASCII byte comes before its first
     * ASCII character that is not whitespace (a blank line may hold Unicode spaces).
     */
    private static boolean isBlank(byte[] utf8) {
        for (byte b : utf8) {
            if (b < 0) {
                return new String(utf8, StandardCharsets.UTF_8).isBlank();
            }
            if (!Character.isWhitespace(b)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The indexes of {@code leads} in the order of the leads' first accepted events. The replay follows it
     * (the states keep the map's order, which the outputs are rendered in): in a file in time order, leads
     * replayed one after another then add to the same periods' cells, which stay in the CPU caches; in the
     * map's hash order most of a lead's ~150 cell look-ups missed them. The arrivals are 0..n-1, each once (a
     * lead's is the number of leads before it), so the order is their inverse, without a sort.
     */
    private static int[] byArrival(LeadBuffer[] leads) {
        int[] order = new int[leads.length];
        for (int i = 0; i < leads.length; i++) {
            order[leads[i].arrival()] = i;
        }
        return order;
    }

    /** Replays the leads of one shard, in {@code order}, into the states and cell totals of its own. */
    private static CellTotals replay(FunnelConfig config, LeadBuffer[] leads, int[] order, LeadState[] states,
            int shard, int shards) {
        ContributionRules rules = new ContributionRules(config);
        PeriodGroupSums sums = new PeriodGroupSums();
        for (int i : order) {
            LeadBuffer lead = leads[i];
            // null: another shard's lead, already replayed and dropped
            if (lead == null || Math.floorMod(lead.leadId().hashCode(), shards) != shard) {
                continue;
            }
            LeadFacts facts = LeadReplay.replay(lead.history(), config);
            rules.addTo(facts, sums);
            states[i] = facts.state();
            leads[i] = null;
        }
        CellTotals cells = new CellTotals();
        sums.drainTo(cells);
        return cells;
    }

    private static <T> Future<T> take(BlockingQueue<Future<T>> queue) {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the batch", e);
        }
    }

    /** The value of a finished task; its failure is rethrown as it was (a bug crashes loudly). */
    private static <T> T get(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while computing the batch", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }

    private static java.util.concurrent.ThreadFactory daemons(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
