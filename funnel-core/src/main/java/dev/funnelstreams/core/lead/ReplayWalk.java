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
import java.util.List;
import java.util.Optional;

/**
 * One pass over a lead's sorted events; the mutable working state of {@link LeadReplay}. A walk
 * starts before the first event or resumes at a {@link ReplayEnd}; its fact lists hold the facts
 * of the events it stepped over (all of them for a walk from the start).
 */
final class ReplayWalk {

    private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);

    private final String leadId;
    private final FunnelConfig config;
    private final String channel;
    private final Reach[] firstReach;

    private final List<Reach> reaches = new ArrayList<>();
    private final List<Entry> entries = new ArrayList<>();
    private final List<Loss> losses = new ArrayList<>();
    private final List<StayEnd> stayEnds = new ArrayList<>();
    private final List<Instant> touches = new ArrayList<>();
    /** Reaches in replay order, those before the walk's start included. */
    private final List<Reach> allReaches;
    private Win win;
    private boolean newWin;
    private Entry funnelEntry;
    private Instant lastTouch;

    private Attributes attributes;
    private int stage;
    private boolean active;
    private Instant enteredAt;
    private boolean created;
    private ReplayEnd.Position last;
    private int events;
    private long bytes;

    /** A walk from the start; {@code channel} is the lead's ({@link #channelOf}). */
    ReplayWalk(String leadId, FunnelConfig config, String channel) {
        this(leadId, config, channel, ReplayEnd.START);
    }

    /** A walk that continues at {@code end} with {@code channel} (its own, unless a lead's first event sets it). */
    ReplayWalk(String leadId, FunnelConfig config, String channel, ReplayEnd end) {
        this.leadId = leadId;
        this.config = config;
        this.channel = channel;
        this.firstReach = new Reach[config.stages().size()];
        this.allReaches = new ArrayList<>(end.reaches());
        for (Reach r : end.reaches()) {
            firstReach[indexOf(r.stage())] = r;
        }
        this.win = end.win();
        this.funnelEntry = end.funnelEntry();
        this.lastTouch = end.lastTouch();
        this.attributes = end.attributes();
        this.stage = end.stage();
        this.active = end.active();
        this.enteredAt = end.enteredAt();
        this.created = end.created();
        this.last = end.last();
        this.events = end.events();
        this.bytes = end.bytes();
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
            created = true;
            touch(at);
            if (stage < 0) {
                enter(c.stage() == null ? 0 : indexOf(c.stage()), at, null);
            }
        } else if (event instanceof StageChanged s) {
            touch(at);
            move(indexOf(s.toStage()), at, s.amount());
        } else if (event instanceof ActivityLogged) {
            touch(at);
        } else if (event instanceof LeadLost l) {
            lose(LossReason.normalise(l.reason()), at);
        }
        last = ReplayEnd.Position.of(event);
        events++;
        bytes += HistoryLimits.bytes(event);
    }

    private void touch(Instant at) {
        touches.add(at);
        lastTouch = at;
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
        Entry entry = new Entry(stageId(target), at, dims);
        entries.add(entry);
        if (funnelEntry == null) {
            funnelEntry = entry;
        }
        stage = target;
        active = true;
        enteredAt = at;
        for (int k = 0; k <= target; k++) {
            if (firstReach[k] == null) {
                Reach reach = new Reach(stageId(k), at, dims);
                firstReach[k] = reach;
                reaches.add(reach);
                allReaches.add(reach);
                if (config.stages().get(k).won()) {
                    win = new Win(at, winValue(amount), dims);
                    newWin = true;
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

    /** Where the walk is now. */
    ReplayEnd end() {
        return new ReplayEnd(channel, created, attributes, stage, active, enteredAt, allReaches, win, funnelEntry,
                lastTouch, last, events, bytes);
    }

    /** The facts of the events this walk stepped over (the win only when one of them made it). */
    Increment increment() {
        return new Increment(reaches, entries, losses, stayEnds, newWin ? win : null);
    }

    /** The facts of a walk from the start, and the state after it. */
    LeadFacts facts() {
        return new LeadFacts(leadId, reaches, entries, losses, stayEnds, Optional.ofNullable(win), touches,
                end().state(leadId, config));
    }
}
