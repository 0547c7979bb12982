package dev.funnelstreams.core.lead;

import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.config.StageDef;
import dev.funnelstreams.core.config.TierDef;
import dev.funnelstreams.core.period.Period;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The parts of a funnel config that stored state depends on, as canonical text lines: the streaming
 * app's stores (lead records, cells, alert timers) hold numbers computed under them, so they must not
 * change under a running application without a rebuild of its state.
 *
 * <p>Left out, because nothing stored depends on them: stage display names (alert messages only),
 * the goals of count and money targets (rendered from the config when a target record is written),
 * and the alert settings {@code minPoints}, {@code grace} and {@code maxFutureSkew} (the checks of
 * CONVERSION_DROP and of new input). {@code minSample} is in: the reviews' bottleneck is rendered
 * when a review's cells change, so a past week would keep one computed under the old value.
 *
 * <p>The lines are independent of the iteration order of the config's sets and maps (which differs
 * from JVM to JVM), so their {@link #fingerprint} is the same in every JVM.
 */
public final class StateConfig {

    private static final String TARGET = "target ";
    private static final String MONEY_TARGET = "money target ";

    private StateConfig() {
    }

    /** The canonical lines of {@code config}'s state-relevant parts. */
    public static List<String> lines(FunnelConfig config) {
        List<String> out = new ArrayList<>();
        out.add("timezone " + config.timezone().getId());
        out.add("currency " + config.currency());
        for (int i = 0; i < config.stages().size(); i++) {
            StageDef s = config.stages().get(i);
            out.add("stage " + (i + 1) + " " + s.id() + (s.won() ? " won" : "")
                    + s.stallAfter().map(d -> " stallAfter=" + d).orElse("")
                    + s.probability().map(p -> " probability=" + plain(p)).orElse(""));
        }
        out.add("opportunityStage " + config.opportunityStage());
        for (TierDef t : config.tiers()) {
            out.add("tier " + t.name() + " minValue=" + plain(t.minValue())
                    + t.followUpEvery().map(d -> " followUpEvery=" + d).orElse(""));
        }
        out.add("periods " + String.join(" ", config.periods().stream().sorted().map(Enum::name).toList()));
        out.add("dimensions " + String.join(" ", config.dimensions().stream().map(Enum::name).toList()));
        out.add("conversionWindow " + config.conversionWindow().map(Duration::toString).orElse("none"));
        out.add("alerts.minSample " + config.alerts().minSample());
        new TreeMap<>(config.targets()).forEach((label, goals) ->
                new TreeSet<>(goals.keySet()).forEach(stage -> out.add(TARGET + label + " " + stage)));
        new TreeSet<>(config.valueTargets().keySet()).forEach(label -> out.add(MONEY_TARGET + label));
        return List.copyOf(out);
    }

    /** 64 bits of {@link #lines} (FNV-1a over their text), the same in every JVM. */
    public static long fingerprint(FunnelConfig config) {
        long h = 0xcbf29ce484222325L;
        for (String line : lines(config)) {
            for (int i = 0; i < line.length(); i++) {
                h ^= line.charAt(i);
                h *= 0x100000001b3L;
            }
            h ^= '\n';
            h *= 0x100000001b3L;
        }
        return h;
    }

    /**
     * What keeps state built under {@code recorded} (lines of {@link #lines}) from going on under
     * {@code current} at {@code now}: the removed lines ({@code "- line"}) and the added ones
     * ({@code "+ line"}); empty when the state holds. A target added for a period that starts after
     * {@code now} plus {@code maxFutureSkew} holds: no accepted event can lie in it yet (the validator
     * rejects later ones), so no stored cell misses it. Any other change does not hold, a removed
     * target included (its record would stay in the compacted topic, no longer updated).
     */
    public static List<String> breakingChanges(List<String> recorded, FunnelConfig current, Instant now) {
        Set<String> was = new LinkedHashSet<>(recorded);
        Set<String> is = new LinkedHashSet<>(lines(current));
        Instant earliestFree = now.plus(current.alerts().maxFutureSkew());
        List<String> out = new ArrayList<>();
        for (String line : was) {
            if (!is.contains(line)) {
                out.add("- " + line);
            }
        }
        for (String line : is) {
            if (!was.contains(line) && !startsAfter(line, current, earliestFree)) {
                out.add("+ " + line);
            }
        }
        return out;
    }

    private static boolean startsAfter(String line, FunnelConfig config, Instant instant) {
        Optional<String> label = line.startsWith(TARGET) ? Optional.of(line.substring(TARGET.length()).split(" ")[0])
                : line.startsWith(MONEY_TARGET) ? Optional.of(line.substring(MONEY_TARGET.length())) : Optional.empty();
        return label.map(l -> Period.parse(l).start(config.timezone()).isAfter(instant)).orElse(false);
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
