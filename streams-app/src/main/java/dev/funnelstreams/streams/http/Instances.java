package dev.funnelstreams.streams.http;

import java.util.Collection;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.state.HostInfo;

/** Where the app's store partitions live, with "not running" turned into a 503 for the caller. */
final class Instances {

    private Instances() {
    }

    static Collection<StreamsMetadata> metadata(KafkaStreams streams, String store) {
        try {
            return streams.streamsMetadataForStore(store);
        } catch (IllegalStateException | StreamsException e) {
            throw notRunning(streams);
        }
    }

    static KeyQueryMetadata keyMetadata(Supplier<KeyQueryMetadata> lookup, KafkaStreams streams) {
        KeyQueryMetadata md;
        try {
            md = lookup.get();
        } catch (IllegalStateException | StreamsException e) {
            throw notRunning(streams);
        }
        if (md == null || md.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            throw HttpError.unavailable("the store's partitions are not assigned yet (starting or rebalancing); try again");
        }
        return md;
    }

    static boolean isAvailable(HostInfo host) {
        return host != null && host.port() >= 0;
    }

    private static HttpError notRunning(KafkaStreams streams) {
        return HttpError.unavailable("the app is not running (state " + streams.state() + "); try again");
    }
}
