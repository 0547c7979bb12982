package dev.funnelstreams.core.lead;

import static dev.funnelstreams.core.fixture.Ev.created;
import static dev.funnelstreams.core.fixture.Ev.moved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnelstreams.core.event.Contact;
import dev.funnelstreams.core.event.LeadCreated;
import dev.funnelstreams.core.event.LeadEvent;
import dev.funnelstreams.core.event.StageChanged;
import org.junit.jupiter.api.Test;

class LeadHistoryTest {

    private final LeadCreated c1 = created("e-1", "L-1", "2026-03-02T09:30+08:00").build();
    private final StageChanged m1 = moved("e-2", "L-1", "2026-03-03T09:30+08:00", "discovery");

    @Test
    void keepsEventsInReplayOrderWhateverTheArrivalOrder() {
        LeadHistory h = LeadHistory.empty("L-1").apply(m1).history().apply(c1).history();
        assertThat(h.events()).extracting(LeadEvent::eventId).containsExactly("e-1", "e-2");
    }

    @Test
    void ordersSameInstantByTypeRankThenEventId() {
        StageChanged sameInstant = moved("e-0", "L-1", "2026-03-02T09:30+08:00", "discovery");
        StageChanged sameInstantLaterId = moved("e-9", "L-1", "2026-03-02T09:30+08:00", "proposal");
        LeadHistory h = LeadHistory.empty("L-1")
                .apply(sameInstantLaterId).history()
                .apply(sameInstant).history()
                .apply(c1).history();
        assertThat(h.events()).extracting(LeadEvent::eventId).containsExactly("e-1", "e-0", "e-9");
    }

    @Test
    void countsLeadOnceWhenDuplicateEventArrives() {
        LeadHistory h = LeadHistory.empty("L-1").apply(c1).history();
        HistoryUpdate again = h.apply(c1);
        assertThat(again.outcome()).isEqualTo(HistoryUpdate.Outcome.DUPLICATE);
        assertThat(again.history()).isEqualTo(h);
    }

    @Test
    void rejectsSameEventIdWithDifferentContent() {
        LeadHistory h = LeadHistory.empty("L-1").apply(c1).history();
        LeadCreated other = created("e-1", "L-1", "2026-03-02T09:30+08:00").channel("online_ads").build();
        HistoryUpdate update = h.apply(other);
        assertThat(update.outcome()).isEqualTo(HistoryUpdate.Outcome.CONFLICT);
        assertThat(update.history()).isEqualTo(h);
        assertThat(HistoryUpdate.CONFLICT_REASON).isEqualTo("same eventId with different content");
    }

    @Test
    void neverStoresContactData() {
        LeadHistory h = LeadHistory.empty("L-1").apply(c1).history();
        assertThat(((LeadCreated) h.events().get(0)).contact()).isNull();
        assertThat(h.toString()).doesNotContain("王芳").doesNotContain("138");
    }

    @Test
    void treatsCopyDifferingOnlyInContactAsDuplicate() {
        LeadHistory h = LeadHistory.empty("L-1").apply(c1).history();
        LeadCreated otherContact = created("e-1", "L-1", "2026-03-02T09:30+08:00")
                .contact(new Contact("李雷", null, null)).build();
        assertThat(h.apply(otherContact).outcome()).isEqualTo(HistoryUpdate.Outcome.DUPLICATE);
    }

    @Test
    void refusesEventOfAnotherLead() {
        assertThatThrownBy(() -> LeadHistory.empty("L-2").apply(c1)).isInstanceOf(IllegalArgumentException.class);
    }
}
