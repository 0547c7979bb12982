package dev.funnelstreams.core.lead;

import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.event.ActivityLogged;
import dev.funnelstreams.core.event.LeadCreated;
import dev.funnelstreams.core.event.LeadEvent;
import dev.funnelstreams.core.event.LeadLost;
import dev.funnelstreams.core.event.LossReason;
import dev.funnelstreams.core.event.StageChanged;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One pass over a lead's sorted events; the mutable working state of {@link LeadReplay}. */
final class ReplayWalk {

    private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);

    private final String leadId;
    private final FunnelConfig config;
    private final String channel;
    private final Instant[] reachedAt;

    private final List<Reach> reaches = new ArrayList<>();
    private final List<Entry> entries = new ArrayList<>();
    private final List<Loss> losses = new ArrayList<>();
    private final List<StayEnd> stayEnds = new ArrayList<>();
    private final List<Instant> touches = new ArrayList<>();
    private Win win;

    private Attributes attributes = Attributes.NONE;
    private int stage = -1;
    private boolean active;
    private Instant enteredAt;

    ReplayWalk(String leadId, FunnelConfig config, String channel) {
        this.leadId = leadId;
        this.config = config;
        this.channel = channel;
        this.reachedAt = new Instant[config.stages().size()];
    }

    /** The channel of the first LeadCreated in replay order (SPEC section 8), else unknown. */
    static String channelOf(List<LeadEvent> sorted) {
        return sorted.stream()
                .filter(LeadCreated.class::isInstance)
                .map(e -> Dims.orUnknown(((LeadCreated) e).channel()))
                .findFirst()
                .orElse(Dims.UNKNOWN);
    }

    void step(LeadEvent event) {
        // A fact sees the attributes of the events before it and of its own event.
        attributes = attributes.apply(event);
        Instant at = event.occurredAt();
        if (event instanceof LeadCreated c) {
            touches.add(at);
            if (stage < 0) {
                enter(c.stage() == null ? 0 : indexOf(c.stage()), at, null);
            }
        } else if (event instanceof StageChanged s) {
            touches.add(at);
            move(indexOf(s.toStage()), at, s.amount());
        } else if (event instanceof ActivityLogged) {
            touches.add(at);
        } else if (event instanceof LeadLost l) {
            lose(LossReason.normalise(l.reason()), at);
        }
    }

    private void move(int target, Instant at, BigDecimal amount) {
        if (stage < 0 || !active) {
            enter(target, at, amount);
        } else if (target != stage) {
            stayEnds.add(new StayEnd(stageId(stage), enteredAt, at, dims()));
            enter(target, at, amount);
        }
    }

    private void lose(String reason, Instant at) {
        if (!active) {
            return;
        }
        losses.add(new Loss(stageId(stage), reason, at, dims()));
        stayEnds.add(new StayEnd(stageId(stage), enteredAt, at, dims()));
        active = false;
    }

    private void enter(int target, Instant at, BigDecimal amount) {
        Dims dims = dims();
        entries.add(new Entry(stageId(target), at, dims));
        stage = target;
        active = true;
        enteredAt = at;
        for (int k = 0; k <= target; k++) {
            if (reachedAt[k] == null) {
                reachedAt[k] = at;
                reaches.add(new Reach(stageId(k), at, dims));
                if (config.stages().get(k).won()) {
                    win = new Win(at, winValue(amount), dims);
                }
            }
        }
    }

    private BigDecimal winValue(BigDecimal amount) {
        BigDecimal value = amount != null ? amount : attributes.estimatedValue();
        return value == null ? ZERO : value.setScale(2, RoundingMode.HALF_EVEN);
    }

    private Dims dims() {
        return new Dims(channel, attributes.owner(), attributes.tier(config), attributes.industry());
    }

    private int indexOf(String stageId) {
        int i = config.stageIndex(stageId);
        if (i < 0) {
            throw new IllegalArgumentException("lead " + leadId + ": unknown stage " + stageId
                    + " (events are validated before replay)");
        }
        return i;
    }

    private String stageId(int index) {
        return config.stages().get(index).id();
    }

    LeadFacts facts() {
        Map<String, Instant> reached = new LinkedHashMap<>();
        for (int k = 0; k < reachedAt.length; k++) {
            if (reachedAt[k] != null) {
                reached.put(stageId(k), reachedAt[k]);
            }
        }
        LeadState state = new LeadState(leadId, stage >= 0, stage >= 0 ? stageId(stage) : null, active, enteredAt,
                reached, attributes.owner(), attributes.tier(config), attributes.industry(), channel,
                touches.isEmpty() ? null : touches.get(touches.size() - 1), attributes.estimatedValue());
        return new LeadFacts(leadId, reaches, entries, losses, stayEnds, Optional.ofNullable(win), touches, state);
    }
}
