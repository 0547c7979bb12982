package dev.funnelstreams.ingest.avro;

import dev.funnelstreams.avro.ChannelSpendKey;
import dev.funnelstreams.core.event.ChannelSpend;
import dev.funnelstreams.core.event.LeadEvent;

/**
 * The connector's entry to the one Avro conversion ({@link dev.funnelstreams.avroevents.AvroEvents},
 * shared with the streaming app), so both sides agree on every field, {@code estimatedValueCleared}
 * included.
 */
public final class AvroEvents {

    private AvroEvents() {
    }

    public static dev.funnelstreams.avro.LeadEvent toAvro(LeadEvent e) {
        return dev.funnelstreams.avroevents.AvroEvents.toAvro(e);
    }

    /** The canonical event; a record that is not one (e.g. a set and cleared value) is a bug here. */
    public static LeadEvent fromAvro(dev.funnelstreams.avro.LeadEvent a) {
        var decoded = dev.funnelstreams.avroevents.AvroEvents.fromAvro(a);
        if (!decoded.isOk()) {
            throw new IllegalArgumentException(decoded.problem());
        }
        return decoded.event();
    }

    public static dev.funnelstreams.avro.ChannelSpend toAvro(ChannelSpend s) {
        return dev.funnelstreams.avroevents.AvroEvents.toAvro(s);
    }

    /** The key of the channel-spend topic: (channel, campaign or "", date). */
    public static ChannelSpendKey keyOf(ChannelSpend s) {
        return dev.funnelstreams.avroevents.AvroEvents.keyOf(s);
    }

    public static ChannelSpend fromAvro(dev.funnelstreams.avro.ChannelSpend a) {
        return dev.funnelstreams.avroevents.AvroEvents.fromAvro(a).event();
    }
}
