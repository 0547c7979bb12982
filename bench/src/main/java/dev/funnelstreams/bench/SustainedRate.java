package dev.funnelstreams.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The sustained rate of a run from samples of its committed input offsets, taken from the app's start: the records
 * committed between the first sample at or past 5 % of the input and the first sample at or past 95 %, over the time
 * between those samples. Start-up (until the first commit) and the tail (the last commits, the final flush) are outside
 * the window. When one commit covers the whole window (a short run), the rate is the whole input over start .. caught
 * up, start-up included, and says so.
 */
public final class SustainedRate {

    /** One poll: when (nanoTime) and the committed input offsets summed over partitions. */
    public record Sample(long nanos, long committed) {
    }

    /** The rate and how it was measured. */
    public record Rate(double perSecond, boolean window, long records, double seconds) {

        public String how() {
            return window ? String.format(java.util.Locale.ROOT, "%,d records committed in %.1f s between 5 %% and 95 %%",
                    records, seconds)
                    : String.format(java.util.Locale.ROOT,
                            "%,d records in %.1f s from the start to caught up, start-up included (one commit covered"
                                    + " 5..95 %%: run too short for a window)", records, seconds);
        }
    }

    static final double FROM = 0.05;
    static final double TO = 0.95;

    private final long total;
    private final List<Sample> samples = new ArrayList<>();

    public SustainedRate(long total) {
        this.total = total;
    }

    public void add(long nanos, long committed) {
        samples.add(new Sample(nanos, committed));
    }

    /** The rate; {@code startNanos} (the app's start) and {@code doneNanos} are the fallback's clock. */
    public Rate rate(long startNanos, long doneNanos) {
        Sample a = first(FROM);
        Sample b = first(TO);
        if (a != null && b != null && b.nanos() > a.nanos() && b.committed() > a.committed()) {
            double s = (b.nanos() - a.nanos()) / 1e9;
            return new Rate((b.committed() - a.committed()) / s, true, b.committed() - a.committed(), s);
        }
        double s = (doneNanos - startNanos) / 1e9;
        return new Rate(total / s, false, total, s);
    }

    private Sample first(double fraction) {
        long at = (long) Math.ceil(total * fraction);
        return samples.stream().filter(x -> x.committed() >= at).findFirst().orElse(null);
    }
}
