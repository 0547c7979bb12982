package dev.funnelstreams.core.report;

import dev.funnelstreams.core.metrics.view.OutputRecord;
import dev.funnelstreams.core.metrics.view.OutputTopic;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Everything a batch run produced: the records of every output topic at {@code asOf}, the rejections, the counts. */
public record BatchResult(Instant asOf, BatchStats stats, Map<OutputTopic, List<OutputRecord>> records,
        List<Rejection> rejections) {
}
