package dev.funnelstreams.bench;

import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.event.EventJson;
import dev.funnelstreams.core.event.EventValidator;
import dev.funnelstreams.core.event.LeadEvent;
import dev.funnelstreams.core.event.ParseResult;
import dev.funnelstreams.core.lead.LeadRecord;
import dev.funnelstreams.core.metrics.CellTotals;
import dev.funnelstreams.core.metrics.LeadSteps;
import dev.funnelstreams.core.metrics.PeriodGroupSums;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code funnel bench steps}: the lead task's own work per input event, without Kafka: what the pipeline's stream thread
 * spends in the funnel's code before any store, topic or commit. The events of {@code bench pipeline} (the same
 * generator, seed, days and truncation), its lead events in file order, go through {@link LeadSteps} as the lead task
 * applies them: the lead's record decoded from its stored bytes (a {@code HashMap} stands in for the store), the step,
 * the new record encoded, and the event's delta added to a delta buffer's sums, released every {@value #FLUSH_EVENTS}
 * events (a 500 ms commit at 25,000 events/s). Each part is clocked with {@code System.nanoTime} (a few tens of ns a
 * reading, inside the parts' times). Every round starts from empty state on the same events; the last round is the
 * result, the earlier ones warm the JIT.
 */
public final class StepsBench {

    /** Events between two releases of the delta buffer's sums. */
    static final int FLUSH_EVENTS = 12_500;

    /** What the command was asked. */
    public record Options(long events, int rounds, Path config) {
    }

    /** One round: nanoseconds per part, summed over the events. */
    public record Round(long events, long decodeNanos, long stepNanos, long encodeNanos, long bufferNanos,
            long totalNanos, long deltaAdditions, long continued, long replayedWhole) {

        double perEvent(long nanos) {
            return nanos / 1e3 / events;
        }

        /** The time per event and its parts, as the result line gives them. */
        String times() {
            return String.format(Locale.ROOT, "%.2f us per event (record decode %.2f, step %.2f, record encode %.2f,"
                    + " delta buffer %.2f)", perEvent(totalNanos), perEvent(decodeNanos), perEvent(stepNanos),
                    perEvent(encodeNanos), perEvent(bufferNanos));
        }

        String describe() {
            return String.format(Locale.ROOT, "%s; %.1f delta additions per event; continued %d, replayed whole %d",
                    times(), deltaAdditions / (double) events, continued, replayedWhole);
        }
    }

    /** The result: the last round. */
    public record Result(Round last) {

        public String finalLine() {
            return "steps: " + last.times();
        }
    }

    private final Options options;
    private final Progress progress;

    public StepsBench(Options options, Progress progress) {
        this.options = options;
        this.progress = progress;
    }

    public Result run() throws IOException {
        FunnelConfig config = BenchApps.funnelConfig(options.config());
        List<LeadEvent> events = events(config);
        Round round = null;
        for (int r = 1; r <= options.rounds(); r++) {
            round = round(config, events);
            progress.line("round %d/%d: %s", r, options.rounds(), round.describe());
        }
        return new Result(round);
    }

    /** The accepted lead events among the benchmark's generated lines, in file order. */
    private List<LeadEvent> events(FunnelConfig config) throws IOException {
        long t0 = System.nanoTime();
        EventValidator validator = new EventValidator(config);
        Instant noSkewCheck = Instant.parse("9999-01-01T00:00:00Z");
        List<LeadEvent> out = new ArrayList<>();
        long lines = PipelineBench.generate(config, options.events(), line -> {
            ParseResult parsed = EventJson.parse(line);
            if (parsed instanceof ParseResult.Lead lead && validator.check(parsed, noSkewCheck).isEmpty()) {
                out.add(lead.event());
            }
        });
        progress.line("%,d lead events of %s in %.1f s", out.size(), PipelineBench.generated(lines, options.events()),
                (System.nanoTime() - t0) / 1e9);
        return out;
    }

    private static Round round(FunnelConfig config, List<LeadEvent> events) {
        LeadSteps steps = new LeadSteps(config);
        Map<String, byte[]> store = new HashMap<>();
        PeriodGroupSums buffer = new PeriodGroupSums();
        long decode = 0;
        long step = 0;
        long encode = 0;
        long add = 0;
        long additions = 0;
        long continued = 0;
        long whole = 0;
        long sinceFlush = 0;
        long start = System.nanoTime();
        for (LeadEvent event : events) {
            long t0 = System.nanoTime();
            byte[] stored = store.get(event.leadId());
            LeadRecord record = stored == null ? null : LeadRecord.decode(stored);
            long t1 = System.nanoTime();
            LeadSteps.Step s = steps.apply(record, event);
            long t2 = System.nanoTime();
            if (s.record() != null) {
                store.put(event.leadId(), s.record().encode());
            }
            long t3 = System.nanoTime();
            if (s.delta() != null) {
                additions += s.delta().size();
                s.delta().addTo(buffer);
            }
            if (++sinceFlush == FLUSH_EVENTS) {
                sinceFlush = 0;
                buffer.drainTo(new CellTotals());
            }
            long t4 = System.nanoTime();
            decode += t1 - t0;
            step += t2 - t1;
            encode += t3 - t2;
            add += t4 - t3;
            if (s.record() != null) {
                if (s.continued()) {
                    continued++;
                } else {
                    whole++;
                }
            }
        }
        return new Round(events.size(), decode, step, encode, add, System.nanoTime() - start, additions, continued,
                whole);
    }
}
