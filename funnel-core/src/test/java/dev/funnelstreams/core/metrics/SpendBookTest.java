package dev.funnelstreams.core.metrics;

import static dev.funnelstreams.core.fixture.Ev.money;
import static dev.funnelstreams.core.fixture.Ev.spend;
import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.fixture.TestFunnel;
import dev.funnelstreams.core.lead.HistoryUpdate.Outcome;
import dev.funnelstreams.core.period.Period;
import org.junit.jupiter.api.Test;

class SpendBookTest {

    private final FunnelConfig cfg = TestFunnel.standard();
    private final ChannelCostKey march = new ChannelCostKey(Period.parse("2026-03"), "online_ads");

    private static ChannelCounts spendCounts(String amount, long entries) {
        return new ChannelCounts(0, 0, 0, Amounts.ZERO, 0, 0, Amounts.ZERO, money(amount), entries);
    }

    @Test
    void restatementReplacesTheSpendAndYieldsTheDifferenceAsDelta() {
        SpendBook book = new SpendBook(cfg);
        SpendBook.Applied first = book.apply(spend("s-1", "online_ads", "kw-crm", "2026-03-02", "12000.00",
                "2026-03-03T10:00+08:00"));
        assertThat(first.outcome()).isEqualTo(Outcome.NEW);
        assertThat(first.delta().get(march)).isEqualTo(spendCounts("12000.00", 1));
        assertThat(first.delta().get(new ChannelCostKey(Period.parse("2026-W10"), "online_ads"))).isNotNull();
        assertThat(first.delta().get(new ChannelCostKey(Period.parse("2026-Q1"), "online_ads"))).isNotNull();

        SpendBook.Applied restated = book.apply(spend("s-2", "online_ads", "kw-crm", "2026-03-02", "15000.00",
                "2026-03-10T10:00+08:00"));
        assertThat(restated.delta().get(march)).isEqualTo(spendCounts("3000.00", 0));

        SpendBook.Applied older = book.apply(spend("s-3", "online_ads", "kw-crm", "2026-03-02", "9000.00",
                "2026-03-05T10:00+08:00"));
        assertThat(older.outcome()).isEqualTo(Outcome.NEW);
        assertThat(older.delta().isEmpty()).isTrue();
        assertThat(book.contributions().get(march)).isEqualTo(spendCounts("15000.00", 1));
    }

    @Test
    void duplicatesAreNoOpsAndConflictsAreRejected() {
        SpendBook book = new SpendBook(cfg);
        book.apply(spend("s-1", "online_ads", "kw-crm", "2026-03-02", "12000.00", null));
        assertThat(book.apply(spend("s-1", "online_ads", "kw-crm", "2026-03-02", "12000.00", null)).outcome())
                .isEqualTo(Outcome.DUPLICATE);
        assertThat(book.apply(spend("s-1", "online_ads", "kw-crm", "2026-03-02", "12000.01", null)).outcome())
                .isEqualTo(Outcome.CONFLICT);
        assertThat(book.contributions().get(march)).isEqualTo(spendCounts("12000.00", 1));
    }

    @Test
    void absentReportedAtRanksLowestAndEventIdBreaksTies() {
        SpendVersions v = SpendVersions.empty(new SpendKey("tv", "", java.time.LocalDate.parse("2026-03-02")));
        v = v.apply(spend("s-b", "tv", "", "2026-03-02", "800.00", "2026-03-02T10:00+08:00")).versions();
        v = v.apply(spend("s-a", "tv", "", "2026-03-02", "1000.00", null)).versions();
        assertThat(v.winner().orElseThrow().eventId()).isEqualTo("s-b");
        v = v.apply(spend("s-c", "tv", "", "2026-03-02", "700.00", "2026-03-02T10:00+08:00")).versions();
        assertThat(v.winner().orElseThrow().eventId()).isEqualTo("s-c");
        v = v.apply(spend("s-0", "tv", "", "2026-03-02", "600.00", "2026-03-02T10:00+08:00")).versions();
        assertThat(v.winner().orElseThrow().eventId()).isEqualTo("s-c");
    }

    @Test
    void campaignsAndDatesAreSeparateKeysThatAdd() {
        SpendBook book = new SpendBook(cfg);
        book.apply(spend("s-1", "online_ads", "kw-crm", "2026-03-02", "100.00", null));
        book.apply(spend("s-2", "online_ads", "", "2026-03-02", "50.00", null));
        book.apply(spend("s-3", "online_ads", "kw-crm", "2026-03-31", "25.00", null));
        book.apply(spend("s-4", "online_ads", "kw-crm", "2026-04-01", "1.00", null));
        assertThat(book.contributions().get(march)).isEqualTo(spendCounts("175.00", 3));
    }
}
