package dev.funnelstreams.core.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The validated funnel configuration of SPEC section 1: an immutable value built once at start
 * by {@link FunnelConfigLoader} and shared by batch mode, the topology and the HTTP layer.
 *
 * @param timezone         the zone calendar periods are cut in
 * @param currency         the one reporting currency (ISO 4217 code)
 * @param stages           the ordered stages (2..12), exactly one of them won
 * @param opportunityStage the id of the stage that makes a lead an opportunity
 * @param tiers            the tiers ordered from highest {@code minValue} to lowest
 * @param periods          the period kinds computed (never empty)
 * @param dimensions       the breakdowns besides {@code all}, in configured order
 * @param conversionWindow the optional cohort conversion window
 * @param targets          period label (e.g. {@code 2026-Q4}) -> stage id -> target count
 * @param alerts           alert settings with SPEC section 8 defaults applied
 * @param valueTargets     period label -> {@code wonValue} money target (SPEC section 9), scale 2
 */
public record FunnelConfig(
        ZoneId timezone,
        String currency,
        List<StageDef> stages,
        String opportunityStage,
        List<TierDef> tiers,
        Set<PeriodKind> periods,
        List<Dimension> dimensions,
        Optional<Duration> conversionWindow,
        Map<String, Map<String, Long>> targets,
        AlertSettings alerts,
        Map<String, BigDecimal> valueTargets) {

    public FunnelConfig {
        stages = List.copyOf(stages);
        tiers = List.copyOf(tiers);
        periods = Set.copyOf(periods);
        dimensions = List.copyOf(dimensions);
        targets = Map.copyOf(targets);
        valueTargets = Map.copyOf(valueTargets);
    }

    /** A config without money targets. */
    public FunnelConfig(ZoneId timezone, String currency, List<StageDef> stages, String opportunityStage,
            List<TierDef> tiers, Set<PeriodKind> periods, List<Dimension> dimensions,
            Optional<Duration> conversionWindow, Map<String, Map<String, Long>> targets, AlertSettings alerts) {
        this(timezone, currency, stages, opportunityStage, tiers, periods, dimensions, conversionWindow, targets,
                alerts, Map.of());
    }

    /** The period labels with a count or a money target, sorted. */
    public java.util.SortedSet<String> targetPeriods() {
        java.util.SortedSet<String> out = new java.util.TreeSet<>(targets.keySet());
        out.addAll(valueTargets.keySet());
        return out;
    }

    /** The stage with this id, if configured. */
    public Optional<StageDef> stage(String id) {
        int i = stageIndex(id);
        return i < 0 ? Optional.empty() : Optional.of(stages.get(i));
    }

    /** The position of the stage with this id in {@link #stages()}, or -1 when unknown (also for null). */
    public int stageIndex(String id) {
        if (id == null) {
            return -1;
        }
        for (int i = 0; i < stages.size(); i++) {
            if (stages.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    /** Whether a stage with this id is configured. */
    public boolean hasStage(String id) {
        return stageIndex(id) >= 0;
    }

    /** The stage ids in funnel order. */
    public List<String> stageIds() {
        return stages.stream().map(StageDef::id).toList();
    }

    /** The first stage: where a lead enters when its LeadCreated names no stage. */
    public StageDef firstStage() {
        return stages.get(0);
    }

    /** The one won stage. */
    public StageDef wonStage() {
        return stages.get(wonStageIndex());
    }

    /** The position of the won stage in {@link #stages()} (never 0 in a validated config). */
    public int wonStageIndex() {
        for (int i = 0; i < stages.size(); i++) {
            if (stages.get(i).won()) {
                return i;
            }
        }
        throw new IllegalStateException("no won stage configured");
    }

    /** The position of {@link #opportunityStage()} in {@link #stages()}. */
    public int opportunityStageIndex() {
        return stageIndex(opportunityStage);
    }

    /** The tier with this name, if configured. */
    public Optional<TierDef> tier(String name) {
        return tiers.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** Whether an explicit tier name on an event is configured. */
    public boolean hasTier(String name) {
        return tier(name).isPresent();
    }

    /** The tier with the lowest {@code minValue}. */
    public TierDef lowestTier() {
        return tiers.get(tiers.size() - 1);
    }

    /**
     * The tier of an estimated value without explicit tier (SPEC section 3): the highest tier whose
     * {@code minValue} <= value, else (also for a null value) the lowest tier.
     */
    public TierDef tierFor(BigDecimal value) {
        if (value != null) {
            for (TierDef t : tiers) {
                if (t.minValue().compareTo(value) <= 0) {
                    return t;
                }
            }
        }
        return lowestTier();
    }

    /** Whether metrics are computed for this period kind. */
    public boolean hasPeriod(PeriodKind kind) {
        return periods.contains(kind);
    }
}
