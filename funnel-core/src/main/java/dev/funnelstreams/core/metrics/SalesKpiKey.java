package dev.funnelstreams.core.metrics;

import dev.funnelstreams.core.period.Period;

/**
 * Cell and output key of funnel.sales-kpis (SPEC section 9): facts whose instant falls in the
 * period, with the dimension values at that instant.
 */
public record SalesKpiKey(Period period, String dimension, String dimensionValue) implements CellKey<SalesKpiCounts> {
}
