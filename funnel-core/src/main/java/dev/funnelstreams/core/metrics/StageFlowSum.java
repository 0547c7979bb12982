package dev.funnelstreams.core.metrics;

/** The mutable sum of a stage-flow cell's {@link StageFlowCounts} (the most frequent cell: no record per addition). */
final class StageFlowSum implements CellSum<StageFlowCounts> {

    private long reached;
    private long entered;
    private long lost;
    private long exited;
    private long sumStayMillis;

    StageFlowSum(StageFlowCounts first) {
        add(first);
    }

    @Override
    public void add(StageFlowCounts c) {
        reached += c.reached();
        entered += c.entered();
        lost += c.lost();
        exited += c.exited();
        sumStayMillis += c.sumStayMillis();
    }

    @Override
    public StageFlowCounts value() {
        return new StageFlowCounts(reached, entered, lost, exited, sumStayMillis);
    }

    @Override
    public boolean isZero() {
        return reached == 0 && entered == 0 && lost == 0 && exited == 0 && sumStayMillis == 0;
    }
}
