package dev.funnelstreams.core.lead;

import static dev.funnelstreams.core.fixture.Ev.created;
import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelstreams.core.event.ActivityLogged;
import dev.funnelstreams.core.event.LeadEvent;
import dev.funnelstreams.core.event.LeadLost;
import dev.funnelstreams.core.event.StageChanged;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HistoryLimitsTest {

    static final Instant T = Instant.parse("2026-03-02T01:30:00Z");

    static ActivityLogged activity(int i, String note) {
        return new ActivityLogged("a-" + i, "L-1", T.plusSeconds(i), "call", note);
    }

    @Test
    void aLongNoteIsStoredAsItsDigestAndStillTellsACopyFromAConflict() {
        String note = "客户说明".repeat(150_000); // 600,000 characters
        LeadHistory h = LeadHistory.empty("L-1").apply(activity(1, note)).history();
        h = h.apply(activity(2, note + "!")).history();

        ActivityLogged stored = (ActivityLogged) h.events().get(0);
        assertThat(stored.note()).matches("sha256:[0-9a-f]{64} \\(600000 characters\\)");
        assertThat(h.bytes()).isLessThan(1_000);
        assertThat(h.apply(activity(1, note)).outcome()).isEqualTo(HistoryUpdate.Outcome.DUPLICATE);
        assertThat(h.apply(activity(1, note + "?")).outcome()).isEqualTo(HistoryUpdate.Outcome.CONFLICT);
    }

    @Test
    void shortFreeTextIsKeptAsItIsAndLongDetailsAndStageNotesAreDigestedToo() {
        assertThat(HistoryLimits.stored(activity(1, "x".repeat(1_024)))).isEqualTo(activity(1, "x".repeat(1_024)));
        LeadLost lost = new LeadLost("l", "L-1", T, "price", "y".repeat(1_025));
        assertThat(((LeadLost) HistoryLimits.stored(lost)).detail()).startsWith("sha256:").endsWith("(1025 characters)");
        StageChanged moved = new StageChanged("m", "L-1", T, "won", null, "z".repeat(5_000), null);
        assertThat(((StageChanged) HistoryLimits.stored(moved)).note()).startsWith("sha256:");
    }

    @Test
    void theEventAfterTheLastThatFitsIsFullWithItsReason() {
        LeadHistory h = LeadHistory.empty("L-1").apply(created("c", "L-1", "2026-03-01T09:30+08:00").build()).history();
        for (int i = 1; i < HistoryLimits.MAX_EVENTS; i++) {
            h = h.apply(activity(i, null)).history();
        }
        assertThat(h.size()).isEqualTo(HistoryLimits.MAX_EVENTS);

        HistoryUpdate full = h.apply(activity(5_000, null));

        assertThat(full.outcome()).isEqualTo(HistoryUpdate.Outcome.FULL);
        assertThat(full.history()).isSameAs(h);
        assertThat(full.reason()).isEqualTo("lead history full: 2000 events (at most 2000 per lead)");
        // a copy of a stored event is still a duplicate, not "full"
        assertThat(h.apply(activity(7, null)).outcome()).isEqualTo(HistoryUpdate.Outcome.DUPLICATE);
    }

    @Test
    void eventsWithLongTextsFillTheHistoryByBytes() {
        LeadHistory h = LeadHistory.empty("L-1");
        HistoryUpdate u;
        int i = 0;
        do {
            u = h.apply(activity(++i, "n".repeat(1_000)));
            if (u.isNew()) {
                h = u.history();
            }
        } while (u.isNew());

        assertThat(u.outcome()).isEqualTo(HistoryUpdate.Outcome.FULL);
        assertThat(h.bytes()).isLessThanOrEqualTo(HistoryLimits.MAX_BYTES);
        assertThat(h.bytes() + HistoryLimits.bytes(activity(i, "n".repeat(1_000)))).isGreaterThan(HistoryLimits.MAX_BYTES);
        assertThat(u.reason()).startsWith("lead history full: " + h.bytes() + " bytes stored and ");
        LeadEvent first = h.events().get(0);
        assertThat(HistoryLimits.bytes(first)).isEqualTo(128 + 3 * (3 + 3 + 4 + 1_000));
    }
}
