package dev.funnelstreams.core.metrics;

import dev.funnelstreams.core.config.FunnelConfig;
import java.util.ArrayList;
import java.util.List;

/** A (fromStage, toStage) pair of funnel.conversions. */
public record ConversionPair(String fromStage, String toStage) {

    /** Each adjacent pair, then (first stage -> won stage) unless that is adjacent already. */
    public static List<ConversionPair> all(FunnelConfig config) {
        List<ConversionPair> pairs = new ArrayList<>(adjacent(config));
        List<String> ids = config.stageIds();
        ConversionPair firstToWon = new ConversionPair(ids.get(0), ids.get(config.wonStageIndex()));
        if (!pairs.contains(firstToWon)) {
            pairs.add(firstToWon);
        }
        return List.copyOf(pairs);
    }

    /** The adjacent pairs in funnel order (weekly review, CONVERSION_DROP). */
    public static List<ConversionPair> adjacent(FunnelConfig config) {
        List<String> ids = config.stageIds();
        List<ConversionPair> pairs = new ArrayList<>();
        for (int i = 0; i + 1 < ids.size(); i++) {
            pairs.add(new ConversionPair(ids.get(i), ids.get(i + 1)));
        }
        return List.copyOf(pairs);
    }
}
