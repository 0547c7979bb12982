package dev.funnelstreams.alertsink.delivery;

import dev.funnelstreams.alertsink.channel.Channels;
import dev.funnelstreams.alertsink.channel.DeliveryException;
import dev.funnelstreams.alertsink.message.AlertNotices;
import dev.funnelstreams.alertsink.message.DigestNotices;
import dev.funnelstreams.alertsink.message.Notice;
import dev.funnelstreams.alertsink.route.Routes;
import dev.funnelstreams.alertsink.route.Target;
import dev.funnelstreams.avro.out.Alert;
import dev.funnelstreams.avro.out.AlertStatus;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one alert to each of its targets, at most once per (alertId, status, target) as recorded
 * in the {@link SentLog}: skip what was recorded, take a token of the destination's rate limit (none
 * left: count it for the digest), send with retries, then record. Log lines name the channel, the
 * route kind, the alert and the lead, never a URL or an address.
 */
public final class Dispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final Supplier<Routes> routes;
    private final Channels channels;
    private final SentLog sent;
    private final AlertNotices notices;
    private final DigestNotices digestNotices;
    private final Retrier retrier;
    private final int defaultPerMinute;
    private final Clock clock;
    private final Map<Destination, TokenBucket> buckets = new HashMap<>();
    private final Digests digests = new Digests();

    public Dispatcher(Supplier<Routes> routes, Channels channels, SentLog sent, AlertNotices notices,
                      DigestNotices digestNotices, RetryPolicy retry, Sleeper sleeper, int defaultPerMinute, Clock clock) {
        this.routes = routes;
        this.channels = channels;
        this.sent = sent;
        this.notices = notices;
        this.digestNotices = digestNotices;
        this.retrier = new Retrier(retry, sleeper, clock);
        this.defaultPerMinute = defaultPerMinute;
        this.clock = clock;
    }

    /** The sent-log key of one delivery. */
    public static String sentKey(Alert a, Target t) {
        return AlertNotices.dedupKey(a) + "@" + t.id();
    }

    /**
     * Delivers {@code a}; {@code where} is the record's topic-partition@offset for log lines. Returns
     * the reasons of permanent refusals (for the dead letter queue), empty when all went well.
     */
    public List<String> deliver(Alert a, String where) throws Deferred {
        flushDigests();
        List<String> refused = new ArrayList<>();
        Notice notice = notices.of(a);
        for (Target t : routes.get().targets(a)) {
            String key = sentKey(a, t);
            String what = where + " alert " + AlertNotices.dedupKey(a) + " lead " + a.getLeadId() + " via "
                    + routeKind(t) + " -> " + t.channel().name();
            if (a.getStatus() == AlertStatus.CLEARED && !t.sendCleared()) {
                continue;
            }
            if (sent.contains(key)) {
                LOG.debug("{}: already delivered, skipped", what);
                continue;
            }
            Destination d = Destination.of(t);
            if (!bucket(d).tryTake()) {
                digests.add(d, a, notice.language());
                sent.record(key, "digest " + clock.instant());
                LOG.info("{}: rate limit reached, counted for the digest", what);
                continue;
            }
            try {
                retrier.run(what, () -> channels.of(t.channel()).send(notice, t.to()));
                sent.record(key, "sent " + clock.instant());
                LOG.debug("{}: delivered", what);
            } catch (DeliveryException e) {
                sent.record(key, "refused " + clock.instant());
                LOG.warn("{}: refused permanently, to the dead letter queue: {}", what, e.getMessage());
                refused.add(e.getMessage());
            }
        }
        return refused;
    }

    /** Sends the digest of every destination whose rate limit has a token again. */
    public void flushDigests() throws Deferred {
        for (Destination d : digests.pending()) {
            if (!bucket(d).tryTake()) {
                continue;
            }
            DigestNotices.Counts counts = digests.of(d);
            Notice n = digestNotices.of(counts);
            try {
                retrier.run("digest of " + counts.total() + " to " + d.name(),
                        () -> channels.of(d.channel()).send(n, d.to()));
                LOG.info("Digest of {} held-back alerts sent to {}", counts.total(), d.name());
            } catch (DeliveryException e) {
                LOG.error("Digest of {} held-back alerts to {} refused, dropped: {}", counts.total(), d.name(), e.getMessage());
            }
            digests.clear(d);
        }
    }

    private TokenBucket bucket(Destination d) {
        int rate = d.channel().ratePerMinute() > 0 ? d.channel().ratePerMinute() : defaultPerMinute;
        return buckets.computeIfAbsent(d, k -> new TokenBucket(rate, clock));
    }

    /** "owner", "rule:NAME" or "default": owner names stay out of logs (they may be addresses). */
    private static String routeKind(Target t) {
        return t.id().startsWith("owner:") ? "owner route" : t.id();
    }
}
