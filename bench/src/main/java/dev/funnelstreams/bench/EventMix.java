package dev.funnelstreams.bench;

import dev.funnelstreams.avro.ActivityLogged;
import dev.funnelstreams.avro.LeadEvent;
import dev.funnelstreams.avro.StageChanged;
import dev.funnelstreams.core.config.FunnelConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The unmeasured events of {@code funnel bench latency}'s default mix: what a CRM mostly sends about leads it already
 * has. Each is about a lead created earlier in the run (leadIdPrefix + its number, in order of {@link #created}):
 * an activity (70 %) or a move to the lead's next stage before the won stage (30 %; an activity once it is there).
 */
final class EventMix {

    private final String leadIdPrefix;
    private final Random random;
    private final List<String> stages;
    private final int lastBeforeWon;
    /** Per created lead, the position of its stage. */
    private final List<Integer> stageOf = new ArrayList<>();

    EventMix(FunnelConfig config, String leadIdPrefix, Random random) {
        this.leadIdPrefix = leadIdPrefix;
        this.random = random;
        this.stages = config.stages().stream().map(s -> s.id()).toList();
        this.lastBeforeWon = config.wonStageIndex() - 1;
    }

    /** A lead was created (in the first stage). */
    void created() {
        stageOf.add(0);
    }

    /** The next event, about a random lead created so far (the first lead when none is yet). */
    LeadEvent next(String eventId, Instant at) {
        int lead = stageOf.isEmpty() ? 0 : random.nextInt(stageOf.size());
        LeadEvent.Builder event = LeadEvent.newBuilder().setEventId(eventId).setLeadId(leadIdPrefix + lead)
                .setOccurredAt(at);
        int stage = stageOf.isEmpty() ? 0 : stageOf.get(lead);
        if (!stageOf.isEmpty() && random.nextInt(10) < 3 && stage < lastBeforeWon) {
            stageOf.set(lead, stage + 1);
            return event.setPayload(StageChanged.newBuilder().setFromStage(stages.get(stage))
                    .setToStage(stages.get(stage + 1)).build()).build();
        }
        return event.setPayload(ActivityLogged.newBuilder().setActivity("call").build()).build();
    }
}
