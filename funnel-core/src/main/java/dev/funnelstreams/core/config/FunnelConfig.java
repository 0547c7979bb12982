package dev.funnelstreams.core.config;

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
        AlertSettings alerts) {

    public FunnelConfig {
        stages = List.copyOf(stages);
        tiers = List.copyOf(tiers);
        periods = Set.copyOf(periods);
        dimensions = List.copyOf(dimensions);
        targets = Map.copyOf(targets);
    }
}
