package dev.funnelstreams.streams.http;

import dev.funnelstreams.core.config.Dimension;
import dev.funnelstreams.core.config.Durations;
import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.config.PeriodKind;
import dev.funnelstreams.core.event.LossReason;
import dev.funnelstreams.core.metrics.ConversionPair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /api/config}: what a client needs to label and lay out the numbers (stage names in
 * funnel order, dimensions, periods, pairs, tiers, targets); durations in ISO-8601 as configured.
 */
final class ConfigView {

    /** One stage as the dashboard shows it. */
    record Stage(String id, String name, String stallAfter, boolean won, boolean opportunity) {
    }

    /** One tier. */
    record Tier(String name, String minValue, String followUpEvery) {
    }

    private ConfigView() {
    }

    static Map<String, Object> of(FunnelConfig config) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("timezone", config.timezone().getId());
        body.put("currency", config.currency());
        body.put("stages", config.stages().stream().map(s -> new Stage(s.id(), s.name(),
                s.stallAfter().map(Durations::format).orElse(null), s.won(), s.id().equals(config.opportunityStage())))
                .toList());
        body.put("opportunityStage", config.opportunityStage());
        body.put("wonStage", config.wonStage().id());
        List<String> periods = new ArrayList<>();
        for (PeriodKind k : PeriodKind.values()) {
            if (config.hasPeriod(k)) {
                periods.add(k.name());
            }
        }
        body.put("periods", periods);
        List<String> dims = new ArrayList<>();
        dims.add(Dimension.ALL);
        config.dimensions().forEach(d -> dims.add(d.key()));
        body.put("dimensions", dims);
        body.put("conversionPairs", ConversionPair.all(config));
        body.put("tiers", config.tiers().stream().map(t -> new Tier(t.name(), t.minValue().toPlainString(),
                t.followUpEvery().map(Durations::format).orElse(null))).toList());
        body.put("lossReasons", LossReason.CODES);
        body.put("conversionWindow", config.conversionWindow().map(Durations::format).orElse(null));
        body.put("targets", new TreeMap<>(config.targets()));
        return body;
    }
}
