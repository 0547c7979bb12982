package dev.funnelstreams.alertsink.delivery;

import dev.funnelstreams.alertsink.MutableClock;
import dev.funnelstreams.alertsink.Receiver;
import dev.funnelstreams.alertsink.Secret;
import dev.funnelstreams.alertsink.channel.Channels;
import dev.funnelstreams.alertsink.message.AlertNotices;
import dev.funnelstreams.alertsink.message.DashboardLinks;
import dev.funnelstreams.alertsink.message.DigestNotices;
import dev.funnelstreams.alertsink.route.Routes;
import dev.funnelstreams.alertsink.route.RoutesParser;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A dispatcher over Slack-style webhooks on one {@link Receiver}: owners alice and bob each have a
 * path, A-tier stalls also go to /managers, the rest to /default. The sleeper records waits.
 */
final class DispatcherFixture implements AutoCloseable {

    final Receiver receiver;
    final MutableClock clock = new MutableClock(Instant.parse("2026-03-09T09:00:00Z"));
    final List<Duration> sleeps = new ArrayList<>();
    final InMemorySentLog sent = new InMemorySentLog();
    final Routes routes;
    RetryPolicy retry = new RetryPolicy(5, Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofSeconds(60));

    DispatcherFixture(int alicePerMinute) throws Exception {
        receiver = new Receiver("ok");
        String yaml = """
                channels:
                  alice: {type: slack, url: "%s", ratePerMinute: %d}
                  bob: {type: slack, url: "%s"}
                  managers: {type: slack, url: "%s"}
                  fallback: {type: slack, url: "%s"}
                owners:
                  alice: {channel: alice, sendCleared: true}
                  bob: {channel: bob}
                rules:
                  - {name: a-stalls, types: [STALL], tiers: [A], channel: managers}
                default: {channel: fallback}
                """.formatted(receiver.url("/alice"), alicePerMinute, receiver.url("/bob"), receiver.url("/managers"),
                receiver.url("/default"));
        routes = new RoutesParser(Map.<String, Secret>of()).parse(yaml);
    }

    /** A dispatcher as a freshly started task builds it: new buckets and digests, the same sent log. */
    Dispatcher dispatcher() {
        DashboardLinks links = new DashboardLinks("https://funnel.example.com");
        return new Dispatcher(() -> routes, new Channels(Duration.ofSeconds(5), clock), sent,
                new AlertNotices(links, "auto"), new DigestNotices(links), retry, d -> {
                    sleeps.add(d);
                    clock.advance(d);
                }, 20, clock);
    }

    List<String> paths() {
        return receiver.requests().stream().map(r -> r.uri().getPath()).toList();
    }

    @Override
    public void close() {
        receiver.close();
    }
}
