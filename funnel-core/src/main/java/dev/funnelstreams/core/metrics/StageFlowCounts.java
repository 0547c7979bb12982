package dev.funnelstreams.core.metrics;

/**
 * Counters of a stage-flow cell.
 *
 * @param reached       leads whose first reach of the stage falls in the period
 * @param entered       entries into the stage
 * @param lost          losses at the stage
 * @param exited        stays in the stage that ended in the period
 * @param sumStayMillis total length of those stays
 */
public record StageFlowCounts(long reached, long entered, long lost, long exited, long sumStayMillis)
        implements Counter<StageFlowCounts> {

    public static final StageFlowCounts ZERO = new StageFlowCounts(0, 0, 0, 0, 0);
    static final StageFlowCounts REACHED = new StageFlowCounts(1, 0, 0, 0, 0);
    static final StageFlowCounts ENTERED = new StageFlowCounts(0, 1, 0, 0, 0);
    static final StageFlowCounts LOST = new StageFlowCounts(0, 0, 1, 0, 0);

    static StageFlowCounts exited(long stayMillis) {
        return new StageFlowCounts(0, 0, 0, 1, stayMillis);
    }

    @Override
    public StageFlowCounts plus(StageFlowCounts o) {
        return new StageFlowCounts(reached + o.reached, entered + o.entered, lost + o.lost, exited + o.exited,
                sumStayMillis + o.sumStayMillis);
    }

    @Override
    public StageFlowCounts negate() {
        return new StageFlowCounts(-reached, -entered, -lost, -exited, -sumStayMillis);
    }

    @Override
    public boolean isZero() {
        return reached == 0 && entered == 0 && lost == 0 && exited == 0 && sumStayMillis == 0;
    }
}
