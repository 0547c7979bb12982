package dev.funnelstreams.streams.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.config.FunnelConfigLoader;
import dev.funnelstreams.core.event.EventJson;
import dev.funnelstreams.core.event.ParseResult;
import dev.funnelstreams.core.lead.LeadHistory;
import dev.funnelstreams.core.lead.LeadRecord;
import dev.funnelstreams.core.lead.LeadReplay;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StageHistoryTest {

    private static final FunnelConfig FUNNEL = FunnelConfigLoader.load(Path.of("src/test/resources/funnel.yaml"));

    private static LeadRecord lead(String... events) {
        LeadHistory h = LeadHistory.empty("L-1");
        for (String e : events) {
            h = h.apply(((ParseResult.Lead) EventJson.parse("{\"leadId\":\"L-1\"," + e + "}")).event()).history();
        }
        return LeadRecord.of(h, LeadReplay.full(h, FUNNEL).end(), FUNNEL);
    }

    @Test
    void listsEveryStayWithHowItEndedMovesLossAndTheOpenOne() {
        LeadRecord lead = lead(
                "\"eventId\":\"e1\",\"type\":\"LeadCreated\",\"occurredAt\":\"2026-03-02T00:00:00Z\",\"channel\":\"expo\"",
                "\"eventId\":\"e2\",\"type\":\"StageChanged\",\"occurredAt\":\"2026-03-04T12:00:00Z\",\"toStage\":\"discovery\"",
                "\"eventId\":\"e3\",\"type\":\"LeadLost\",\"occurredAt\":\"2026-03-05T12:00:00Z\",\"reason\":\"price\"",
                "\"eventId\":\"e4\",\"type\":\"StageChanged\",\"occurredAt\":\"2026-03-09T00:00:00Z\",\"toStage\":\"proposal\"");

        List<StageHistory.Stay> stays = StageHistory.of(lead, FUNNEL);

        assertThat(stays).containsExactly(
                new StageHistory.Stay("lead", "线索获取", Instant.parse("2026-03-02T00:00:00Z"),
                        Instant.parse("2026-03-04T12:00:00Z"), 2.5, "move", null),
                new StageHistory.Stay("discovery", "需求挖掘", Instant.parse("2026-03-04T12:00:00Z"),
                        Instant.parse("2026-03-05T12:00:00Z"), 1.0, "loss", "price"),
                new StageHistory.Stay("proposal", "方案呈现", Instant.parse("2026-03-09T00:00:00Z"), null, null, null, null));
    }

    @Test
    void aLeadCreatedAndMovedAtOneInstantHasAStayOfZeroDays() {
        LeadRecord lead = lead(
                "\"eventId\":\"e1\",\"type\":\"LeadCreated\",\"occurredAt\":\"2026-03-02T00:00:00Z\"",
                "\"eventId\":\"e2\",\"type\":\"StageChanged\",\"occurredAt\":\"2026-03-02T00:00:00Z\",\"toStage\":\"won\"");

        List<StageHistory.Stay> stays = StageHistory.of(lead, FUNNEL);

        assertThat(stays).extracting(StageHistory.Stay::stage, StageHistory.Stay::days, StageHistory.Stay::endedBy)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("lead", 0.0, "move"),
                        org.assertj.core.groups.Tuple.tuple("won", null, null));
    }
}
