package dev.funnelstreams.core.metrics;

import java.math.BigDecimal;

/**
 * Counters of a pipeline cell.
 *
 * @param openLeads   active leads now in the stage
 * @param valuedLeads of those, the ones with an estimated value
 * @param openValue   sum of their estimated values (scale 2)
 */
public record PipelineCounts(long openLeads, long valuedLeads, BigDecimal openValue)
        implements Counter<PipelineCounts> {

    public static final PipelineCounts ZERO = new PipelineCounts(0, 0, Amounts.ZERO);

    /** One open lead; {@code estimatedValue} null when it has none. */
    static PipelineCounts lead(BigDecimal estimatedValue) {
        return estimatedValue == null ? new PipelineCounts(1, 0, Amounts.ZERO)
                : new PipelineCounts(1, 1, Amounts.of(estimatedValue));
    }

    @Override
    public PipelineCounts plus(PipelineCounts o) {
        return new PipelineCounts(openLeads + o.openLeads, valuedLeads + o.valuedLeads, openValue.add(o.openValue));
    }

    @Override
    public PipelineCounts negate() {
        return new PipelineCounts(-openLeads, -valuedLeads, openValue.negate());
    }

    @Override
    public boolean isZero() {
        return openLeads == 0 && valuedLeads == 0 && openValue.signum() == 0;
    }
}
