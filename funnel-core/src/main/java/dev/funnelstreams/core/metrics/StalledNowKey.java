package dev.funnelstreams.core.metrics;

/** The one cell of the weekly review's {@code stalledNow}: all stalled active leads, dimension all. */
public record StalledNowKey() implements CellKey<Count> {

    public static final StalledNowKey INSTANCE = new StalledNowKey();
}
