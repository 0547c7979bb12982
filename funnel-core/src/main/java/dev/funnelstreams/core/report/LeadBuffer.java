package dev.funnelstreams.core.report;

import dev.funnelstreams.core.lead.EventCodec;
import dev.funnelstreams.core.event.LeadEvent;
import dev.funnelstreams.core.lead.EventOrder;
import dev.funnelstreams.core.lead.LeadHistory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One lead's accepted events in the batch, in arrival order, as {@link EventCodec} bytes in one array: a
 * few dozen bytes an event where a {@link LeadHistory} of records takes a few hundred. {@link #history()}
 * gives the replay its {@code LeadHistory}.
 */
final class LeadBuffer {

    private final String leadId;
    private final int arrival;
    private byte[] data = new byte[0];
    private int used;
    private int count;
    private long storedBytes;

    /** A lead's buffer; {@code arrival} orders the leads by their first accepted event. */
    LeadBuffer(String leadId, int arrival) {
        this.leadId = leadId;
        this.arrival = arrival;
    }

    String leadId() {
        return leadId;
    }

    /** The number of leads accepted before this one. */
    int arrival() {
        return arrival;
    }

    /** Accepted events. */
    int count() {
        return count;
    }

    /** The sum of {@code HistoryLimits.bytes} over the accepted events. */
    long storedBytes() {
        return storedBytes;
    }

    /** What {@link #lookup} found. */
    enum Match { ABSENT, SAME, DIFFERENT }

    /** Whether an event with the eventId of {@code encoded} is here, and if so whether it is the same event. */
    Match lookup(byte[] encoded) {
        int idEnd = EventCodec.eventIdEnd(encoded, 0);
        int at = 0;
        while (at < used) {
            int length = lengthAt(at);
            at = afterLength(at);
            if (Arrays.equals(data, at + 1, EventCodec.eventIdEnd(data, at), encoded, 1, idEnd)) {
                return Arrays.equals(data, at, at + length, encoded, 0, encoded.length) ? Match.SAME : Match.DIFFERENT;
            }
            at += length;
        }
        return Match.ABSENT;
    }

    /** The length prefix (a varint) of the event stored at {@code at}. */
    private int lengthAt(int at) {
        int length = 0;
        int shift = 0;
        int b;
        do {
            b = data[at++] & 0xFF;
            length |= (b & 0x7F) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        return length;
    }

    /** Where the event stored at {@code at} starts, after its length prefix. */
    private int afterLength(int at) {
        while ((data[at++] & 0x80) != 0) {
            // continuation byte
        }
        return at;
    }

    void append(byte[] encoded, long size) {
        int need = used + 5 + encoded.length;
        if (need > data.length) {
            data = Arrays.copyOf(data, Math.max(need, data.length + (data.length >> 1)));
        }
        int length = encoded.length;
        while ((length & ~0x7F) != 0) {
            data[used++] = (byte) ((length & 0x7F) | 0x80);
            length >>>= 7;
        }
        data[used++] = (byte) length;
        System.arraycopy(encoded, 0, data, used, encoded.length);
        used += encoded.length;
        count++;
        storedBytes += size;
    }

    /** The accepted events in replay order, as the replay takes them. */
    LeadHistory history() {
        List<LeadEvent> events = new ArrayList<>(count);
        int at = 0;
        while (at < used) {
            int length = lengthAt(at);
            at = afterLength(at);
            events.add(EventCodec.decode(leadId, data, at));
            at += length;
        }
        events.sort(EventOrder.REPLAY);
        return new LeadHistory(leadId, events);
    }
}
