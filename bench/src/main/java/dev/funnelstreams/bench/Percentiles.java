package dev.funnelstreams.bench;

import java.util.Arrays;
import java.util.Locale;

/** Nearest-rank percentiles of a set of latencies in milliseconds. */
record Percentiles(int count, double p50, double p99, double max) {

    static Percentiles of(double[] values) {
        if (values.length == 0) {
            return new Percentiles(0, Double.NaN, Double.NaN, Double.NaN);
        }
        double[] v = values.clone();
        Arrays.sort(v);
        return new Percentiles(v.length, rank(v, 0.50), rank(v, 0.99), v[v.length - 1]);
    }

    private static double rank(double[] sorted, double p) {
        int i = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    String describe() {
        return String.format(Locale.ROOT, "p50 %.0f ms, p99 %.0f ms, max %.0f ms over %,d events after the warm-up", p50, p99, max, count);
    }
}
