package dev.funnelstreams.core.metrics.view;

import dev.funnelstreams.core.metrics.PipelineCounts;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Value of funnel.pipeline (SPEC section 9): {@code weightedValue} = openValue x the stage's
 * probability, rounded half-even to 2 places, null when the stage has none.
 */
public record PipelineValue(long openLeads, long valuedLeads, BigDecimal openValue, BigDecimal weightedValue) {

    /** {@code probability} null when the stage has none. */
    public static PipelineValue of(PipelineCounts c, BigDecimal probability) {
        BigDecimal weighted = probability == null ? null
                : c.openValue().multiply(probability).setScale(2, RoundingMode.HALF_EVEN);
        return new PipelineValue(c.openLeads(), c.valuedLeads(), c.openValue(), weighted);
    }
}
