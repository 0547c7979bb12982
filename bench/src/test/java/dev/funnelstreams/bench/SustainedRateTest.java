package dev.funnelstreams.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The sustained rate from samples of the committed input offsets, and its fallback for a run without a window. */
class SustainedRateTest {

    private static final long S = 1_000_000_000L;

    @Test
    void measuresBetweenTheFirstSamplesPastFiveAndPastNinetyFivePercent() {
        SustainedRate rate = new SustainedRate(1000);
        rate.add(0, 0);
        rate.add(1 * S, 0);
        rate.add(2 * S, 100); // first at or past 5 %
        rate.add(3 * S, 600);
        rate.add(4 * S, 960); // first at or past 95 %
        rate.add(5 * S, 1000);

        SustainedRate.Rate r = rate.rate(0, 6 * S);

        assertThat(r.window()).isTrue();
        assertThat(r.records()).isEqualTo(860);
        assertThat(r.seconds()).isCloseTo(2.0, within(1e-9));
        assertThat(r.perSecond()).isCloseTo(430.0, within(1e-9));
    }

    @Test
    void aRunThatOneCommitCoversFallsBackToTheWholeInputFromTheStart() {
        // the input committed in one step, e.g. by a first stream thread while the client was still
        // REBALANCING: the samples start with the app, so the fallback spans the start-up, never ~0 s
        SustainedRate rate = new SustainedRate(1000);
        rate.add(0, 0);
        rate.add(S / 10, 0);
        rate.add(2 * S / 10, 1000);

        SustainedRate.Rate r = rate.rate(0, 4 * S);

        assertThat(r.window()).isFalse();
        assertThat(r.perSecond()).isCloseTo(250.0, within(1e-9));
        assertThat(r.how()).contains("from the start to caught up, start-up included");
    }
}
