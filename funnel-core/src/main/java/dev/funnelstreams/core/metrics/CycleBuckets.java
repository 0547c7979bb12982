package dev.funnelstreams.core.metrics;

/**
 * The sales cycle histogram's fixed buckets (SPEC section 9): upper bounds in days, then the open
 * bucket (more than 365 days). A cycle of exactly d days falls in the first bucket whose bound is
 * greater than d.
 */
public final class CycleBuckets {

    /** Upper bounds in days of the closed buckets, ascending. */
    public static final int[] BOUNDS_DAYS = {1, 2, 3, 5, 7, 10, 14, 21, 30, 45, 60, 90, 120, 180, 270, 365};
    /** Closed buckets plus the open one. */
    public static final int COUNT = BOUNDS_DAYS.length + 1;
    /** The index of the open bucket. */
    public static final int OPEN = BOUNDS_DAYS.length;

    private static final long MILLIS_PER_DAY = 86_400_000L;

    private CycleBuckets() {
    }

    /** The bucket of a cycle lasting {@code millis}. */
    public static int indexOf(long millis) {
        for (int i = 0; i < BOUNDS_DAYS.length; i++) {
            if (millis < BOUNDS_DAYS[i] * MILLIS_PER_DAY) {
                return i;
            }
        }
        return OPEN;
    }

    /** The bound of bucket {@code i} in days, null for the open bucket. */
    public static Integer bound(int i) {
        return i == OPEN ? null : BOUNDS_DAYS[i];
    }
}
