package dev.funnelstreams.core.generate;

import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.event.EventJson;
import dev.funnelstreams.core.event.LeadEvent;
import java.io.IOException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.IntConsumer;

/**
 * Synthetic, realistic canonical events for a funnel config: several channels with different lead
 * volume and conversion, owners, industries, values across the tiers, per-stage drop-off, losses,
 * skips, backward moves, reopens, stalls, overdue follow-ups, owner and value changes, daily spend
 * with restatements, and, as real feeds have, some late (out-of-order) and exactly duplicated lines.
 *
 * <p>Deterministic: one seeded {@link SplittableRandom}, no clock, fixed iteration orders. Lines come
 * out in arrival order (leads are simulated when they are created; a priority queue holds their
 * future events), so memory stays bounded by the leads in flight.
 */
public final class FunnelGenerator {

    private static final double DELAYED = 0.015;
    private static final double DUPLICATED = 0.008;
    private static final List<String> TYPES = List.of("LeadCreated", "StageChanged", "ActivityLogged", "OwnerChanged",
            "LeadUpdated", "LeadLost", "ChannelSpend");

    private final FunnelConfig config;
    private final GeneratorOptions options;

    public FunnelGenerator(FunnelConfig config, GeneratorOptions options) {
        this.config = config;
        this.options = options;
    }

    /** Writes every line to {@code sink}. */
    public GeneratorSummary generate(LineSink sink) throws IOException {
        return generate(sink, leads -> { });
    }

    /** Writes every line to {@code sink}; {@code progress} hears the number of leads simulated so far. */
    public GeneratorSummary generate(LineSink sink, IntConsumer progress) throws IOException {
        ZoneId zone = config.timezone();
        Instant end = options.endExclusive().atStartOfDay(zone).toInstant();
        SplittableRandom root = new SplittableRandom(options.seed());
        ExpoCalendar expos = new ExpoCalendar(options.start(), options.endExclusive(), root.split());
        int[] perDay = leadsPerDay(expos, root.split());
        LeadSimulator leads = new LeadSimulator(config, end);
        SpendSimulator spend = new SpendSimulator(config, end);
        Output out = new Output(sink, options.start().atStartOfDay(zone).toInstant());
        int idDigits = Math.max(6, String.valueOf(options.leads()).length());

        int n = 0;
        for (int d = 0; d < options.days(); d++) {
            LocalDate date = options.start().plusDays(d);
            SplittableRandom dayRnd = root.split();
            for (SpendSimulator.Version v : spend.day(date, expos, dayRnd)) {
                out.schedule(v.reportedAt(), "ChannelSpend", EventJson.write(v.spend()), false, false);
                if (v.restatement()) {
                    out.restatements++;
                }
                if (dayRnd.nextDouble() < 0.005) {
                    out.schedule(v.reportedAt().plusSeconds(60 + dayRnd.nextInt(86_400)), "ChannelSpend",
                            EventJson.write(v.spend()), true, false);
                }
            }
            Instant dayStart = date.atStartOfDay(zone).toInstant();
            long[] offsets = new long[perDay[d]];
            for (int i = 0; i < offsets.length; i++) {
                offsets[i] = 7 * 3600 + dayRnd.nextInt(16 * 3600); // 07:00-23:00 local, roughly
            }
            Arrays.sort(offsets);
            for (long offset : offsets) {
                Instant createdAt = dayStart.plusSeconds(offset);
                out.flushUntil(createdAt.toEpochMilli());
                SplittableRandom rnd = root.split();
                Channel channel = channel(date, expos, rnd);
                String campaign = channel.name() == null ? null
                        : channel.name().equals(Channel.EXPO) ? expos.campaign(date) : Vocabulary.pick(channel.campaigns(), rnd);
                campaign = campaign == null || campaign.isEmpty() ? null : campaign;
                String leadId = "L-" + zeroPadded(++n, idDigits);
                for (LeadEvent e : leads.simulate(leadId, createdAt, channel, campaign, rnd)) {
                    String line = EventJson.write(e);
                    boolean late = rnd.nextDouble() < DELAYED;
                    Instant at = late ? e.occurredAt().plusSeconds(3600 + rnd.nextInt(3 * 86_400)) : e.occurredAt();
                    out.schedule(at, e.type(), line, false, late);
                    if (rnd.nextDouble() < DUPLICATED) {
                        out.schedule(at.plusSeconds(60 + rnd.nextInt(2 * 86_400)), e.type(), line, true, false);
                    }
                }
                progress.accept(n);
            }
        }
        out.flushUntil(Long.MAX_VALUE);
        return new GeneratorSummary(n, out.lines, out.byType, out.duplicates, out.delayed, out.restatements,
                options.start(), options.endExclusive());
    }

    static String zeroPadded(long value, int width) {
        String digits = Long.toString(value);
        return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
    }

    /** Splits the leads over the days: fewer at weekends, a growth trend, more on expo days; largest remainder. */
    private int[] leadsPerDay(ExpoCalendar expos, SplittableRandom rnd) {
        int days = options.days();
        double[] w = new double[days];
        double total = 0;
        for (int d = 0; d < days; d++) {
            LocalDate date = options.start().plusDays(d);
            DayOfWeek dow = date.getDayOfWeek();
            double weekday = dow == DayOfWeek.SATURDAY ? 0.35 : dow == DayOfWeek.SUNDAY ? 0.25 : 1.0;
            double trend = 1 + 0.35 * d / days;
            double expo = expos.isExpoDay(date) ? 1.8 : 1.0;
            w[d] = weekday * trend * expo * (0.85 + 0.3 * rnd.nextDouble());
            total += w[d];
        }
        int[] counts = new int[days];
        double[] remainder = new double[days];
        int assigned = 0;
        for (int d = 0; d < days; d++) {
            double exact = options.leads() * w[d] / total;
            counts[d] = (int) Math.floor(exact);
            remainder[d] = exact - counts[d];
            assigned += counts[d];
        }
        List<Integer> order = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            order.add(d);
        }
        order.sort((a, b) -> remainder[a] != remainder[b] ? Double.compare(remainder[b], remainder[a]) : a - b);
        for (int i = 0; assigned < options.leads(); i++, assigned++) {
            counts[order.get(i % days)]++;
        }
        return counts;
    }

    private static Channel channel(LocalDate date, ExpoCalendar expos, SplittableRandom rnd) {
        double[] w = new double[Channel.ALL.size()];
        for (int i = 0; i < w.length; i++) {
            Channel c = Channel.ALL.get(i);
            boolean expo = Channel.EXPO.equals(c.name());
            w[i] = expo ? (expos.isExpoDay(date) ? 2.5 : 0.01) : c.weight();
        }
        return Channel.ALL.get(Vocabulary.weighted(w, rnd));
    }

    /**
     * Lines waiting for their arrival instant, written in (arrival, sequence) order. Lines for later
     * days wait in per-day buckets and enter the priority queue when their day comes, so the queue
     * stays as small as one day of lines.
     */
    private static final class Output {
        private static final long BUCKET_MILLIS = 86_400_000L;

        private record Pending(long at, long seq, String type, String line, boolean duplicate, boolean delayed) {
        }

        private final LineSink sink;
        private final long origin;
        private final PriorityQueue<Pending> queue = new PriorityQueue<>(
                (a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));
        private final TreeMap<Long, List<Pending>> later = new TreeMap<>();
        private long nextBucket;
        private final Map<String, Long> byType = new LinkedHashMap<>();
        private long seq;
        private long lines;
        private long duplicates;
        private long delayed;
        private long restatements;

        Output(LineSink sink, Instant origin) {
            this.sink = sink;
            this.origin = origin.toEpochMilli();
            TYPES.forEach(t -> byType.put(t, 0L));
        }

        void schedule(Instant at, String type, String line, boolean duplicate, boolean delayed) {
            Pending p = new Pending(at.toEpochMilli(), seq++, type, line, duplicate, delayed);
            long bucket = bucket(p.at);
            if (bucket < nextBucket) {
                queue.add(p);
            } else {
                later.computeIfAbsent(bucket, b -> new ArrayList<>()).add(p);
            }
        }

        void flushUntil(long epochMillis) throws IOException {
            long last = epochMillis == Long.MAX_VALUE ? Long.MAX_VALUE : bucket(epochMillis);
            while (!later.isEmpty() && later.firstKey() <= last) {
                Map.Entry<Long, List<Pending>> first = later.pollFirstEntry();
                queue.addAll(first.getValue());
                nextBucket = first.getKey() + 1;
            }
            if (last != Long.MAX_VALUE) {
                nextBucket = Math.max(nextBucket, last + 1);
            }
            while (!queue.isEmpty() && queue.peek().at <= epochMillis) {
                Pending p = queue.poll();
                sink.accept(p.line);
                lines++;
                byType.merge(p.type, 1L, Long::sum);
                duplicates += p.duplicate ? 1 : 0;
                delayed += p.delayed ? 1 : 0;
            }
        }

        private long bucket(long epochMillis) {
            return Math.floorDiv(epochMillis - origin, BUCKET_MILLIS);
        }
    }
}
