package dev.funnelstreams.core.property;

import dev.funnelstreams.core.event.ActivityLogged;
import dev.funnelstreams.core.event.ChannelSpend;
import dev.funnelstreams.core.event.Customer;
import dev.funnelstreams.core.event.LeadCreated;
import dev.funnelstreams.core.event.LeadEvent;
import dev.funnelstreams.core.event.LeadLost;
import dev.funnelstreams.core.event.LeadUpdated;
import dev.funnelstreams.core.event.OwnerChanged;
import dev.funnelstreams.core.event.StageChanged;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Random events over a few leads, with instants on a coarse grid (so same-instant ties, local
 * midnights and the 2026-W53 year boundary are frequent) and every attribute form (set, clear, leave).
 */
final class RandomEvents {

    private static final List<String> STAGES = List.of("lead", "discovery", "proposal", "negotiation", "won", "repurchase");
    private static final List<Instant> BASES = List.of(
            Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-12-24T00:00:00Z"));

    private RandomEvents() {
    }

    /** Events of up to three leads, eventIds unique; {@code createdStages} are the LeadCreated stages drawn. */
    static Arbitrary<List<LeadEvent>> events(int max, List<String> createdStages) {
        return shape(createdStages).list().ofMinSize(1).ofMaxSize(max).map(RandomEvents::numbered);
    }

    static Arbitrary<List<LeadEvent>> events(int max) {
        List<String> any = new ArrayList<>(STAGES);
        any.add(null);
        any.add(null);
        return events(max, any);
    }

    /** An event without eventId, numbered later; the shape is (type, lead, instant, variant fields). */
    private static Arbitrary<Shape> shape(List<String> createdStages) {
        Arbitrary<Integer> type = Arbitraries.integers().between(0, 9);
        Arbitrary<String> lead = Arbitraries.of("L-1", "L-2", "L-3");
        Arbitrary<Instant> at = Combinators.combine(Arbitraries.of(BASES), Arbitraries.integers().between(0, 30),
                Arbitraries.of(0, 9, 16, 23)).as((b, d, h) -> b.plus(Duration.ofDays(d)).plus(Duration.ofHours(h)));
        Arbitrary<String> stage = Arbitraries.of(STAGES);
        Arbitrary<String> createdStage = Arbitraries.of(createdStages);
        Arbitrary<String> text = Arbitraries.of("a", "b", "", null);
        Arbitrary<BigDecimal> money = Arbitraries.of("50000.00", "200000.00", "600000.00", "1000.50")
                .map(BigDecimal::new).injectNull(0.4);
        return Combinators.combine(type, lead, at, stage, createdStage, text, money, Arbitraries.of("A", "B", "C", ""))
                .as(Shape::new);
    }

    private record Shape(int type, String lead, Instant at, String stage, String createdStage, String text,
            BigDecimal money, String tier) {

        LeadEvent withId(String id) {
            return switch (type) {
                case 0, 1 -> new LeadCreated(id, lead, at, text == null ? null : "ch-" + text, null, text,
                        createdStage, new Customer("c", text, null), null, money, false,
                        tier.equals("A") ? null : tier);
                case 2, 3, 4 -> new StageChanged(id, lead, at, stage, null, null, money);
                case 5 -> new ActivityLogged(id, lead, at, "call", null);
                case 6 -> new OwnerChanged(id, lead, at, text);
                case 7 -> new LeadUpdated(id, lead, at, money, money == null && "".equals(text), tier, text);
                default -> new LeadLost(id, lead, at, stage.equals("won") ? "price" : "timing", null);
            };
        }
    }

    private static List<LeadEvent> numbered(List<Shape> shapes) {
        return IntStream.range(0, shapes.size()).mapToObj(i -> shapes.get(i).withId("e-" + i)).toList();
    }

    /** Versions of a few spend keys, eventIds unique, reportedAt sometimes absent or tied. */
    static Arbitrary<List<ChannelSpend>> spends() {
        Arbitrary<ChannelSpend> one = Combinators.combine(Arbitraries.of("ads", "tv"), Arbitraries.of("", "kw"),
                Arbitraries.of(LocalDate.parse("2026-03-30"), LocalDate.parse("2026-04-01"), LocalDate.parse("2027-01-01")),
                Arbitraries.of("0.00", "10.00", "99.99", "12000.00").map(BigDecimal::new),
                Arbitraries.of(Instant.parse("2026-04-02T00:00:00Z"), Instant.parse("2026-04-03T00:00:00Z"))
                        .injectNull(0.3))
                .as((ch, camp, date, amount, reported) -> new ChannelSpend("x", ch, camp, date, amount, "CNY", reported));
        return one.list().ofMinSize(1).ofMaxSize(12).map(list -> IntStream.range(0, list.size())
                .mapToObj(i -> {
                    ChannelSpend s = list.get(i);
                    return new ChannelSpend("s-" + i, s.channel(), s.campaign(), s.date(), s.amount(), s.currency(),
                            s.reportedAt());
                }).toList());
    }
}
