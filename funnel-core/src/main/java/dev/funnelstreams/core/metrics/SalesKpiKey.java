package dev.funnelstreams.core.metrics;

import dev.funnelstreams.core.period.Period;
import java.util.Objects;

/**
 * Cell and output key of funnel.sales-kpis (SPEC section 9): facts whose instant falls in the
 * period, with the dimension values at that instant.
 */
public record SalesKpiKey(Period period, String dimension, String dimensionValue) implements CellKey<SalesKpiCounts> {

    // equals and hashCode written out (KeyHash says why)

    @Override
    public boolean equals(Object o) {
        return o instanceof SalesKpiKey k && Objects.equals(period, k.period) && Objects.equals(dimension, k.dimension)
                && Objects.equals(dimensionValue, k.dimensionValue);
    }

    @Override
    public int hashCode() {
        return KeyHash.of(period, dimension, dimensionValue);
    }

    /** The key without its period: the cells of one dimension value across periods. */
    public record Row(String dimension, String dimensionValue) implements PeriodRow<SalesKpiCounts> {

        @Override
        public SalesKpiKey at(Period period) {
            return new SalesKpiKey(period, dimension, dimensionValue);
        }

        // equals and hashCode written out (KeyHash says why)

        @Override
        public boolean equals(Object o) {
            return o instanceof Row r && Objects.equals(dimension, r.dimension)
                    && Objects.equals(dimensionValue, r.dimensionValue);
        }

        @Override
        public int hashCode() {
            return KeyHash.of(dimension, dimensionValue);
        }
    }
}
