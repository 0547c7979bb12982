package dev.funnelstreams.streams.state;

import dev.funnelstreams.core.metrics.CellKey;
import dev.funnelstreams.core.metrics.ChannelCostKey;
import dev.funnelstreams.core.metrics.ChannelCounts;
import dev.funnelstreams.core.metrics.ConversionCounts;
import dev.funnelstreams.core.metrics.ConversionKey;
import dev.funnelstreams.core.metrics.Count;
import dev.funnelstreams.core.metrics.Counter;
import dev.funnelstreams.core.metrics.LossReasonKey;
import dev.funnelstreams.core.metrics.SnapshotKey;
import dev.funnelstreams.core.metrics.StageFlowCounts;
import dev.funnelstreams.core.metrics.StageFlowKey;
import dev.funnelstreams.core.metrics.StalledKey;
import dev.funnelstreams.core.metrics.StalledNowKey;
import dev.funnelstreams.core.metrics.TargetKey;
import dev.funnelstreams.core.metrics.WeekCounts;
import dev.funnelstreams.core.metrics.WeekKey;
import dev.funnelstreams.core.metrics.Amount;
import dev.funnelstreams.core.metrics.CycleBuckets;
import dev.funnelstreams.core.metrics.PipelineCounts;
import dev.funnelstreams.core.metrics.PipelineKey;
import dev.funnelstreams.core.metrics.ReviewCounts;
import dev.funnelstreams.core.metrics.ReviewKey;
import dev.funnelstreams.core.metrics.SalesKpiCounts;
import dev.funnelstreams.core.metrics.SalesKpiKey;
import dev.funnelstreams.core.metrics.TargetValueKey;
import dev.funnelstreams.core.period.Period;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Binary form of the core's metric cell keys and counters: the key of the repartition topic and
 * of the cell stores, and their values. A leading tag byte names the type; the encoding of a key
 * is deterministic (equal keys, equal bytes), so it can be hashed for partitioning and used as a
 * store key. Week keys sort by week within their tag, which the weekly review's range scan uses.
 */
public final class CellCodec {

    public static final byte STAGE_FLOW = 1;
    public static final byte CONVERSION = 2;
    public static final byte LOSS_REASON = 3;
    public static final byte CHANNEL_COST = 4;
    public static final byte SNAPSHOT = 5;
    public static final byte TARGET = 6;
    public static final byte WEEK = 7;
    public static final byte STALLED = 8;
    public static final byte STALLED_NOW = 9;
    public static final byte PIPELINE = 10;
    public static final byte SALES_KPI = 11;
    public static final byte REVIEW = 12;
    public static final byte TARGET_VALUE = 13;

    private static final byte C_STAGE_FLOW = 1;
    private static final byte C_CONVERSION = 2;
    private static final byte C_COUNT = 3;
    private static final byte C_CHANNEL = 4;
    private static final byte C_WEEK = 5;
    private static final byte C_PIPELINE = 6;
    private static final byte C_SALES_KPI = 7;
    private static final byte C_REVIEW = 8;
    private static final byte C_AMOUNT = 9;

    private CellCodec() {
    }

    public static byte[] encodeKey(CellKey<?> key) {
        return write(out -> {
            if (key instanceof StageFlowKey k) {
                    out.writeByte(STAGE_FLOW);
                    strings(out, k.period().label(), k.dimension(), k.dimensionValue(), k.stage());
            } else if (key instanceof ConversionKey k) {
                    out.writeByte(CONVERSION);
                    strings(out, k.period().label(), k.dimension(), k.dimensionValue(), k.fromStage(), k.toStage());
            } else if (key instanceof LossReasonKey k) {
                    out.writeByte(LOSS_REASON);
                    strings(out, k.period().label(), k.dimension(), k.dimensionValue(), k.stage(), k.reason());
            } else if (key instanceof ChannelCostKey k) {
                    out.writeByte(CHANNEL_COST);
                    strings(out, k.period().label(), k.channel());
            } else if (key instanceof SnapshotKey k) {
                    out.writeByte(SNAPSHOT);
                    strings(out, k.dimension(), k.dimensionValue(), k.stage());
            } else if (key instanceof TargetKey k) {
                    out.writeByte(TARGET);
                    strings(out, k.period().label(), k.stage());
            } else if (key instanceof WeekKey k) {
                    out.writeByte(WEEK);
                    strings(out, k.week().label());
            } else if (key instanceof StalledKey k) {
                    out.writeByte(STALLED);
                    strings(out, k.dimension(), k.dimensionValue(), k.stage());
            } else if (key instanceof StalledNowKey) {
                    out.writeByte(STALLED_NOW);
            } else if (key instanceof PipelineKey k) {
                    out.writeByte(PIPELINE);
                    strings(out, k.dimension(), k.dimensionValue(), k.stage());
            } else if (key instanceof SalesKpiKey k) {
                    out.writeByte(SALES_KPI);
                    strings(out, k.period().label(), k.dimension(), k.dimensionValue());
            } else if (key instanceof ReviewKey k) {
                    out.writeByte(REVIEW);
                    strings(out, k.period().label());
            } else if (key instanceof TargetValueKey k) {
                    out.writeByte(TARGET_VALUE);
                    strings(out, k.period().label());
            }
        });
    }

    public static CellKey<?> decodeKey(byte[] bytes) {
        return read(bytes, in -> switch (in.readByte()) {
            case STAGE_FLOW -> new StageFlowKey(period(in), in.readUTF(), in.readUTF(), in.readUTF());
            case CONVERSION -> new ConversionKey(period(in), in.readUTF(), in.readUTF(), in.readUTF(), in.readUTF());
            case LOSS_REASON -> new LossReasonKey(period(in), in.readUTF(), in.readUTF(), in.readUTF(), in.readUTF());
            case CHANNEL_COST -> new ChannelCostKey(period(in), in.readUTF());
            case SNAPSHOT -> new SnapshotKey(in.readUTF(), in.readUTF(), in.readUTF());
            case TARGET -> new TargetKey(period(in), in.readUTF());
            case WEEK -> new WeekKey(period(in));
            case STALLED -> new StalledKey(in.readUTF(), in.readUTF(), in.readUTF());
            case STALLED_NOW -> StalledNowKey.INSTANCE;
            case PIPELINE -> new PipelineKey(in.readUTF(), in.readUTF(), in.readUTF());
            case SALES_KPI -> new SalesKpiKey(period(in), in.readUTF(), in.readUTF());
            case REVIEW -> new ReviewKey(period(in));
            case TARGET_VALUE -> new TargetValueKey(period(in));
            default -> throw new IllegalArgumentException("unknown cell key tag " + bytes[0]);
        });
    }

    /** The store-key prefix of all week cells (they sort by week after it). */
    public static byte[] weekPrefix() {
        return new byte[] {WEEK};
    }

    /** The store-key prefix of all period-review cells (months, quarters and years). */
    public static byte[] reviewPrefix() {
        return new byte[] {REVIEW};
    }

    public static byte[] encodeCounter(Counter<?> counter) {
        return write(out -> {
            if (counter instanceof StageFlowCounts c) {
                    out.writeByte(C_STAGE_FLOW);
                    longs(out, c.reached(), c.entered(), c.lost(), c.exited(), c.sumStayMillis());
            } else if (counter instanceof ConversionCounts c) {
                    out.writeByte(C_CONVERSION);
                    longs(out, c.flowNumerator(), c.flowDenominator(), c.cohortSize(), c.cohortConverted(),
                            c.sumConvertMillis());
            } else if (counter instanceof Count c) {
                    out.writeByte(C_COUNT);
                    out.writeLong(c.n());
            } else if (counter instanceof ChannelCounts c) {
                    out.writeByte(C_CHANNEL);
                    longs(out, c.leads(), c.opportunities(), c.won());
                    money(out, c.wonValue());
                    longs(out, c.opportunitiesInPeriod(), c.wonInPeriod());
                    money(out, c.wonValueInPeriod());
                    money(out, c.spend());
                    out.writeLong(c.spendEntries());
            } else if (counter instanceof WeekCounts c) {
                    out.writeByte(C_WEEK);
                    counts(out, c.reached());
                    counts(out, c.lossesByReason());
                    money(out, c.wonValue());
                    out.writeLong(c.facts());
            } else if (counter instanceof PipelineCounts c) {
                    out.writeByte(C_PIPELINE);
                    longs(out, c.openLeads(), c.valuedLeads());
                    money(out, c.openValue());
            } else if (counter instanceof SalesKpiCounts c) {
                    out.writeByte(C_SALES_KPI);
                    longs(out, c.opportunities(), c.won(), c.lost());
                    money(out, c.wonValue());
                    out.writeLong(c.cycleMillis());
                    out.writeByte(CycleBuckets.COUNT);
                    for (int i = 0; i < CycleBuckets.COUNT; i++) {
                        out.writeLong(c.bucket(i));
                    }
            } else if (counter instanceof ReviewCounts c) {
                    out.writeByte(C_REVIEW);
                    counts(out, c.reached());
                    out.writeShort(c.losses().size());
                    for (Map.Entry<String, Map<String, Long>> stage : c.losses().entrySet()) {
                        out.writeUTF(stage.getKey());
                        counts(out, stage.getValue());
                    }
                    money(out, c.wonValue());
                    out.writeLong(c.facts());
            } else if (counter instanceof Amount c) {
                    out.writeByte(C_AMOUNT);
                    money(out, c.value());
            } else {
                throw new IllegalArgumentException("unknown counter " + counter.getClass());
            }
        });
    }

    public static Counter<?> decodeCounter(byte[] bytes) {
        return read(bytes, in -> switch (in.readByte()) {
            case C_STAGE_FLOW -> new StageFlowCounts(in.readLong(), in.readLong(), in.readLong(), in.readLong(),
                    in.readLong());
            case C_CONVERSION -> new ConversionCounts(in.readLong(), in.readLong(), in.readLong(), in.readLong(),
                    in.readLong());
            case C_COUNT -> new Count(in.readLong());
            case C_CHANNEL -> new ChannelCounts(in.readLong(), in.readLong(), in.readLong(), money(in), in.readLong(),
                    in.readLong(), money(in), money(in), in.readLong());
            case C_WEEK -> new WeekCounts(counts(in), counts(in), money(in), in.readLong());
            case C_PIPELINE -> new PipelineCounts(in.readLong(), in.readLong(), money(in));
            case C_SALES_KPI -> salesKpi(in);
            case C_REVIEW -> review(in);
            case C_AMOUNT -> new Amount(money(in));
            default -> throw new IllegalArgumentException("unknown counter tag " + bytes[0]);
        });
    }

    private static SalesKpiCounts salesKpi(DataInputStream in) throws IOException {
        long opportunities = in.readLong();
        long won = in.readLong();
        long lost = in.readLong();
        BigDecimal wonValue = money(in);
        long cycleMillis = in.readLong();
        long[] buckets = new long[in.readUnsignedByte()];
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = in.readLong();
        }
        return new SalesKpiCounts(opportunities, won, lost, wonValue, cycleMillis, buckets);
    }

    private static ReviewCounts review(DataInputStream in) throws IOException {
        Map<String, Long> reached = counts(in);
        int stages = in.readUnsignedShort();
        Map<String, Map<String, Long>> losses = new LinkedHashMap<>();
        for (int i = 0; i < stages; i++) {
            losses.put(in.readUTF(), counts(in));
        }
        return new ReviewCounts(reached, losses, money(in), in.readLong());
    }

    private static void strings(DataOutputStream out, String... values) throws IOException {
        for (String v : values) {
            out.writeUTF(v);
        }
    }

    private static void longs(DataOutputStream out, long... values) throws IOException {
        for (long v : values) {
            out.writeLong(v);
        }
    }

    private static void money(DataOutputStream out, BigDecimal v) throws IOException {
        byte[] unscaled = v.unscaledValue().toByteArray();
        out.writeByte(v.scale());
        out.writeByte(unscaled.length);
        out.write(unscaled);
    }

    private static BigDecimal money(DataInputStream in) throws IOException {
        int scale = in.readByte();
        byte[] unscaled = new byte[in.readUnsignedByte()];
        in.readFully(unscaled);
        return new BigDecimal(new BigInteger(unscaled), scale);
    }

    private static void counts(DataOutputStream out, Map<String, Long> counts) throws IOException {
        out.writeShort(counts.size());
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeLong(e.getValue());
        }
    }

    private static Map<String, Long> counts(DataInputStream in) throws IOException {
        int n = in.readUnsignedShort();
        Map<String, Long> out = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            out.put(in.readUTF(), in.readLong());
        }
        return out;
    }

    private static Period period(DataInputStream in) throws IOException {
        return Period.parse(in.readUTF());
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    private static byte[] write(Writer w) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            w.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static <T> T read(byte[] bytes, Reader<T> r) {
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes))) {
            return r.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
