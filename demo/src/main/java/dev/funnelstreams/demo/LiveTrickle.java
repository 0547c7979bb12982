package dev.funnelstreams.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.event.LossReason;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live events so the dashboard moves: every second a small file of new leads, stage moves, losses and
 * activities with {@code occurredAt} = now goes into the connector's inbox (written aside, then moved in
 * whole), and every half minute today's channel spend is restated upwards.
 */
final class LiveTrickle implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LiveTrickle.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");
    private static final List<String> ACTIVITIES = List.of("call", "email", "visit", "demo", "wechat");
    private static final List<String> FALLBACK_CHANNELS = List.of("online_ads", "expo", "referral");
    private static final List<String> FALLBACK_OWNERS = List.of("zhang.wei", "li.na", "wang.fang");
    private static final List<String> FALLBACK_INDUSTRIES = List.of("manufacturing", "retail", "software");
    private static final List<String> COMPANIES = List.of("华东精密", "蓝海科技", "鼎新制造", "远航物流", "恒信医疗",
            "启明教育", "金桥贸易", "华夏能源", "云帆软件", "长城建材");
    // events per second at --speed 1
    private static final double NEW_LEADS = 0.4;
    private static final double MOVES = 1.0;
    private static final double ACTIVITY = 0.8;
    private static final int SPEND_EVERY_TICKS = 30;

    private final FunnelConfig config;
    private final LeadBook book;
    private final DemoDirs dirs;
    private final double speed;
    private final Clock clock;
    private final SplittableRandom rnd;
    private final String run;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "demo-live-trickle");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, BigDecimal> spendToday = new HashMap<>();
    private final AtomicLong events = new AtomicLong();
    private long seq;
    private long ticks;

    LiveTrickle(FunnelConfig config, LeadBook book, DemoDirs dirs, double speed, long seed, Clock clock) {
        this.config = config;
        this.book = book;
        this.dirs = dirs;
        this.speed = speed;
        this.clock = clock;
        this.rnd = new SplittableRandom(seed ^ clock.millis());
        // event and lead ids must not collide with a resumed run's: tag them with this run's start
        this.run = Long.toString(clock.millis() / 1000, 36);
    }

    void start() {
        if (speed > 0) {
            timer.scheduleWithFixedDelay(this::tickSafely, 1, 1, TimeUnit.SECONDS);
        }
    }

    long events() {
        return events.get();
    }

    private void tickSafely() {
        try {
            tick();
        } catch (IOException e) {
            // the inbox is on a local disk we created: report it, and try again with the next tick
            LOG.warn("live trickle could not write to {}: {}", dirs.inbox(), e.toString());
        }
    }

    /** One second of live events, written as one file; returns the number of events written. */
    int tick() throws IOException {
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(config.timezone())).truncatedTo(ChronoUnit.SECONDS);
        List<String> lines = new ArrayList<>();
        for (int i = poisson(NEW_LEADS * speed); i > 0; i--) {
            lines.add(newLead(now));
        }
        for (int i = poisson(MOVES * speed); i > 0; i--) {
            String line = move(now);
            if (line != null) {
                lines.add(line);
            }
        }
        for (int i = poisson(ACTIVITY * speed); i > 0; i--) {
            LeadBook.Lead lead = book.pickOpen(rnd.nextDouble());
            if (lead != null) {
                ObjectNode e = event("ActivityLogged", lead.id, now);
                e.put("activity", pick(ACTIVITIES));
                lines.add(e.toString());
            }
        }
        if (ticks++ % SPEND_EVERY_TICKS == 0) {
            lines.addAll(spend(now));
        }
        if (!lines.isEmpty()) {
            write(lines);
        }
        events.addAndGet(lines.size());
        return lines.size();
    }

    private String newLead(ZonedDateTime now) {
        String leadId = "L-" + run + "-" + (++seq);
        ObjectNode e = event("LeadCreated", leadId, now);
        String channel = pick(or(book.channels(), FALLBACK_CHANNELS));
        String owner = pick(or(book.owners(), FALLBACK_OWNERS));
        e.put("channel", channel);
        String campaign = pick(book.campaigns(channel));
        if (!campaign.isEmpty()) {
            e.put("campaign", campaign);
        }
        e.put("owner", owner);
        e.put("stage", config.stages().get(0).id());
        ObjectNode customer = e.putObject("customer");
        customer.put("name", pick(COMPANIES));
        customer.put("industry", pick(or(book.industries(), FALLBACK_INDUSTRIES)));
        // log-uniform 20k .. 1.5M, whole thousands: spreads the leads over the tiers
        double value = Math.exp(Math.log(20_000) + rnd.nextDouble() * Math.log(75));
        e.put("estimatedValue", BigDecimal.valueOf(Math.round(value / 1000) * 1000L).setScale(2).toPlainString());
        book.add(new LeadBook.Lead(leadId, 0, owner));
        return e.toString();
    }

    /** The next step of a random open lead: forward one stage (repurchase after a win), or lost. */
    private String move(ZonedDateTime now) {
        LeadBook.Lead lead = book.pickOpen(rnd.nextDouble());
        if (lead == null) {
            return null;
        }
        int won = config.wonStageIndex();
        int last = config.stages().size() - 1;
        if (lead.stage < won && rnd.nextDouble() < 0.22) {
            ObjectNode e = event("LeadLost", lead.id, now);
            e.put("reason", pick(LossReason.CODES));
            lead.open = false;
            return e.toString();
        }
        if (lead.stage >= last || (lead.stage >= won && rnd.nextDouble() < 0.7)) {
            return null; // won leads mostly stay; the last stage has nowhere to go
        }
        int to = lead.stage + 1;
        ObjectNode e = event("StageChanged", lead.id, now);
        e.put("fromStage", config.stages().get(lead.stage).id());
        e.put("toStage", config.stages().get(to).id());
        lead.stage = to;
        return e.toString();
    }

    /** Today's spend per channel, restated upwards (a newer reportedAt wins, SPEC section 8). */
    private List<String> spend(ZonedDateTime now) {
        List<String> out = new ArrayList<>();
        LocalDate today = now.toLocalDate();
        for (String channel : or(book.channels(), FALLBACK_CHANNELS)) {
            BigDecimal amount = spendToday.getOrDefault(channel, BigDecimal.ZERO)
                    .add(BigDecimal.valueOf(200 + rnd.nextInt(1800))).setScale(2, RoundingMode.UNNECESSARY);
            spendToday.put(channel, amount);
            ObjectNode e = JSON.createObjectNode();
            e.put("eventId", "spend-" + run + "-" + (++seq));
            e.put("type", "ChannelSpend");
            e.put("channel", channel);
            String campaign = book.campaigns(channel).get(0);
            if (!campaign.isEmpty()) {
                e.put("campaign", campaign);
            }
            e.put("date", today.toString());
            e.put("amount", amount.toPlainString());
            e.put("currency", config.currency());
            e.put("reportedAt", RFC3339.format(now));
            out.add(e.toString());
        }
        return out;
    }

    private ObjectNode event(String type, String leadId, ZonedDateTime now) {
        ObjectNode e = JSON.createObjectNode();
        e.put("eventId", "live-" + run + "-" + (++seq));
        e.put("type", type);
        e.put("leadId", leadId);
        e.put("occurredAt", RFC3339.format(now));
        return e;
    }

    private void write(List<String> lines) throws IOException {
        String name = "live-" + run + "-" + String.format("%08d", ticks) + ".jsonl";
        Path staged = dirs.staging().resolve(name);
        Files.write(staged, lines, StandardCharsets.UTF_8);
        Files.move(staged, dirs.inbox().resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private int poisson(double mean) {
        if (mean > 30) {
            // normal approximation: exp(-mean) underflows for large means
            return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * rnd.nextGaussian()));
        }
        double l = Math.exp(-mean);
        double p = 1;
        int k = 0;
        do {
            k++;
            p *= rnd.nextDouble();
        } while (p > l);
        return k - 1;
    }

    private <T> T pick(List<T> items) {
        return items.get(rnd.nextInt(items.size()));
    }

    private static <T> List<T> or(List<T> items, List<T> fallback) {
        return items.isEmpty() ? fallback : items;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
