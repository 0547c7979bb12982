package dev.funnelstreams.streams.http;

import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.lead.LeadRecord;
import dev.funnelstreams.core.lead.LeadState;
import dev.funnelstreams.core.metrics.view.LeadStateKey;
import dev.funnelstreams.core.metrics.view.LeadStateValue;
import dev.funnelstreams.streams.StoreNames;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * One lead's state by key: the instance that owns the lead's partition (its active task) answers;
 * another instance forwards the request there. If the owner cannot be reached, a standby copy
 * answers, marked stale. The state is the core's replay of the stored history, the same
 * computation that writes funnel.lead-state.
 */
final class LeadLookup {

    /** The body of {@code GET /api/leads/{leadId}}: its lead-state record, and its stays in stages. */
    record LeadReply(LeadStateKey key, LeadStateValue value, List<StageHistory.Stay> stageHistory, boolean stale) {
    }

    private final KafkaStreams streams;
    private final LocalStores local;
    private final Peers peers;
    private final HostInfo self;
    private final FunnelConfig config;
    private final String sourceTopic;

    /** @param sourceTopic the lead events topic (its partitions are the store's) */
    LeadLookup(KafkaStreams streams, LocalStores local, Peers peers, HostInfo self, FunnelConfig config,
            String sourceTopic) {
        this.streams = streams;
        this.local = local;
        this.peers = peers;
        this.self = self;
        this.config = config;
        this.sourceTopic = sourceTopic;
    }

    Reply lead(Request request, String leadId) {
        KeyQueryMetadata md = Instances.keyMetadata(
                () -> streams.queryMetadataForKey(StoreNames.LEAD_HISTORIES, leadId, new StringSerializer()), streams);
        if (request.header(Peers.FORWARDED).isPresent()) {
            return local(leadId, md.partition());
        }
        List<HostInfo> candidates = new ArrayList<>();
        if (Instances.isAvailable(md.activeHost())) {
            candidates.add(md.activeHost());
        }
        candidates.addAll(md.standbyHosts());
        List<String> failures = new ArrayList<>();
        boolean ownCopyNotReadable = false;
        for (HostInfo host : candidates) {
            if (host.equals(self)) {
                try {
                    return local(leadId, md.partition());
                } catch (HttpError e) {
                    failures.add(Peers.address(host) + ": " + e.getMessage());
                    ownCopyNotReadable |= e.isNotReadable();
                    continue;
                }
            }
            Optional<Reply> forwarded = forward(request, host, failures);
            if (forwarded.isPresent()) {
                return forwarded.get();
            }
        }
        String message = "no instance could answer for lead " + leadId + " (partition " + md.partition()
                + (failures.isEmpty() ? ", no instance assigned" : ": " + String.join("; ", failures)) + "); try again";
        // this instance's own copy being handed over is worth waiting for; a peer that answered 503 has waited itself
        throw ownCopyNotReadable ? HttpError.notReadable(message) : HttpError.unavailable(message);
    }

    private Reply local(String leadId, int partition) {
        LeadRecord lead;
        try {
            ReadOnlyKeyValueStore<String, LeadRecord> store = local.store(StoreNames.LEAD_HISTORIES, partition);
            lead = store.get(leadId);
        } catch (InvalidStateStoreException e) {
            throw HttpError.notReadable("partition " + partition + " of the lead store is not readable on this instance"
                    + " right now (rebalancing or restoring)");
        }
        boolean stale = !local.isCurrent(sourceTopic, partition);
        String servedBy = Peers.address(self);
        if (lead == null || lead.size() == 0) {
            if (stale) {
                throw behind(leadId, partition);
            }
            return Reply.error(404, "no lead " + leadId).withHeader(Peers.SERVED_BY, servedBy);
        }
        LeadState state = lead.state(config);
        if (!state.enteredFunnel()) {
            if (stale) {
                throw behind(leadId, partition);
            }
            return Reply.error(404, "lead " + leadId + " has not entered the funnel").withHeader(Peers.SERVED_BY, servedBy);
        }
        return Reply.json(new LeadReply(new LeadStateKey(leadId), LeadStateValue.of(state),
                        StageHistory.of(lead, config), stale))
                .withHeader(Peers.SERVED_BY, servedBy);
    }

    /**
     * A copy that is not current (a standby, a task still restoring after a takeover) may lack what the owner
     * already has: it cannot say that a lead does not exist, so the answer is "try again", not 404.
     */
    private static HttpError behind(String leadId, int partition) {
        return HttpError.notReadable("partition " + partition + " of the lead store is catching up on this instance"
                + " and does not show lead " + leadId + " yet (rebalancing or restoring); try again");
    }

    /** The owner's answer, passed through unchanged; empty (with the reason in failures) when it is unreachable. */
    private Optional<Reply> forward(Request request, HostInfo host, List<String> failures) {
        HttpResponse<byte[]> response;
        try {
            response = peers.get(host, request.pathAndQuery(), request.header("Authorization")).get(15, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            failures.add(Peers.address(host) + ": " + (e.getCause() == null ? e : e.getCause()).getClass().getSimpleName());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw HttpError.unavailable("interrupted");
        }
        if (response.statusCode() == 503) {
            failures.add(Peers.address(host) + ": 503");
            return Optional.empty();
        }
        Reply reply = new Reply(response.statusCode(), response.body(),
                response.headers().firstValue("Content-Type").orElse(Reply.JSON), java.util.Map.of());
        return Optional.of(reply.withHeader(Peers.SERVED_BY,
                response.headers().firstValue(Peers.SERVED_BY).orElse(Peers.address(host))));
    }
}
