package dev.funnelstreams.core.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnelstreams.core.event.ActivityLogged;
import dev.funnelstreams.core.event.Contact;
import dev.funnelstreams.core.event.Customer;
import dev.funnelstreams.core.event.LeadCreated;
import dev.funnelstreams.core.event.LeadEvent;
import dev.funnelstreams.core.event.LeadLost;
import dev.funnelstreams.core.event.LeadUpdated;
import dev.funnelstreams.core.event.OwnerChanged;
import dev.funnelstreams.core.event.StageChanged;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventCodecTest {

    private static final Instant AT = Instant.parse("2026-03-02T01:30:00.123Z");

    private static final List<LeadEvent> EVENTS = List.of(
            new LeadCreated("e-1", "L-1", AT, "expo", null, "zhang", "lead", new Customer("华东精密", "retail", null),
                    null, new BigDecimal("200000.00"), false, "A"),
            new LeadCreated("e-1", "L-1", AT, "expo", null, "zhang", "lead", new Customer("华东精密", "retail", ""),
                    null, new BigDecimal("200000.00"), false, "A"),
            new LeadCreated("e-1", "L-1", AT, "expo", null, "zhang", "lead", null, null, null, true, ""),
            new LeadCreated("e-1", "L-1", AT, "expo", null, "zhang", "lead", null, null, new BigDecimal("200000.0"),
                    false, ""),
            new StageChanged("e-2", "L-1", AT, "won", "lead", "\ud800 lone, \udc00 too, 中文 and é", new BigDecimal(
                    "123456789012345678901234567890.00")),
            new StageChanged("e-2", "L-1", AT, "won", "lead", "\ud800 lone, \udc00 too, 中文 and é",
                    new BigDecimal("-0.01")),
            new StageChanged("e-2", "L-1", AT.plusMillis(1), "won", null, null, null),
            new ActivityLogged("e-3", "L-1", Instant.EPOCH, "call", ""),
            new ActivityLogged("e-3", "L-1", Instant.EPOCH, "call", null),
            new ActivityLogged("e-~!", "L-1", Instant.parse("9999-12-31T23:59:59.999999999Z"), "x".repeat(300), null),
            new OwnerChanged("e-4", "L-1", AT, ""),
            new OwnerChanged("e-4", "L-1", AT, null),
            new LeadUpdated("e-5", "L-1", AT, new BigDecimal("650000.00"), false, "A", "retail"),
            new LeadUpdated("e-5", "L-1", AT, null, true, null, null),
            new LeadLost("e-6", "L-1", AT, "price", "10% over budget"),
            new LeadLost("e-6", "L-1", AT, "other", null));

    @Test
    void decodesBackToAnEqualEvent() {
        for (LeadEvent e : EVENTS) {
            assertThat(EventCodec.decode("L-1", EventCodec.encode(e), 0)).isEqualTo(e);
        }
    }

    @Test
    void equalEventsHaveEqualBytesAndOthersDoNot() {
        for (LeadEvent a : EVENTS) {
            for (LeadEvent b : EVENTS) {
                assertThat(Arrays.equals(EventCodec.encode(a), EventCodec.encode(b))).as(a + " / " + b)
                        .isEqualTo(a.equals(b));
            }
        }
    }

    @Test
    void refusesContactData() {
        LeadCreated withContact = new LeadCreated("e-1", "L-1", AT, null, null, null, null, null,
                new Contact("王芳", null, null), null, false, null);
        assertThatThrownBy(() -> EventCodec.encode(withContact)).isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining("王芳");
    }
}
