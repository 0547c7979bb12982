#!/usr/bin/env python3
"""Where a benchmark's CPU time goes, from async-profiler's collapsed stacks (docs/benchmarks.md).

    python3 docs/profile_categories.py pipeline|report|steps FILE.collapsed

Each sample counts for the category whose marker frame sits deepest in its stack, so work nested in a
step stays with that step (a store get inside the alert timers is alert-timer time). `pipeline` reads
only the pipeline app's stream thread; `report` and `steps` read every thread, with the JIT compiler and the
collector threads as categories of their own. Record the profile with async-profiler's `threads` option.
"""
import collections
import sys

# (marker frame text, category): a sample goes to the category of the marker that ends deepest in its stack
SETS = {
    "pipeline": [
        ("LeadEventProcessor.process", "lead task: other (validation, routing, dead letters)"),
        ("KafkaAvroDeserializer.deserialize", "lead task: Avro decode of the input event"),
        ("LeadEventProcessor.process;org/apache/kafka/streams/processor/internals/"
         "AbstractReadWriteDecorator$KeyValueStoreReadWriteDecorator.get",
         "lead task: lead record get (record cache or RocksDB, decode)"),
        ("LeadEventProcessor.accept;org/apache/kafka/streams/processor/internals/"
         "AbstractReadWriteDecorator$KeyValueStoreReadWriteDecorator.put", "lead task: lead record put (encode, cache)"),
        ("LeadSteps.apply", "lead task: LeadSteps (replay step, delta)"),
        ("AlertTimers.leadChanged", "lead task: alert timers (lead-alerts get/put, deadline index writes)"),
        ("DeltaBuffer.process", "lead task: delta buffer add"),
        ("CellAggregator.process", "cell task: repartitioned deltas (decode, cell store get/put)"),
        ("StreamTask.prepareCommit", "commit: record caches flushed (RocksDB writes, changelog sends)"),
        ("DeltaBuffer.flush", "commit: delta buffer flush (encode, repartition sends)"),
        ("CellAggregator.renderDirty", "commit: changed cells rendered and sent"),
        ("forwardLeadStates", "commit: lead-state records rendered and sent"),
        ("commitTransaction", "commit: transaction"),
        ("StreamThread.pollPhase", "poll"),
        ("punctuate", "punctuators"),
    ],
    "report": [
        ("[funnel-report-reader", "intake: read (gunzip, UTF-8, lines)"),
        ("BatchReport.parse", "intake: parse and validate (JSON scanner)"),
        ("BatchIntake.accept", "intake: take in order (duplicates, lead buffers)"),
        ("BatchReport.replay", "replay: other"),
        ("LeadReplay.replay", "replay: the lead's walk"),
        ("ContributionRules.addTo", "replay: contribution rules"),
        ("CellTotals.add", "replay: cell sums (hash look-ups)"),
        ("PeriodGroupSums.add", "replay: cell sums (hash look-ups)"),
        ("MetricsView", "render"),
        ("ReportWriter", "write"),
        ("[C1 CompilerThre", "JIT compiler threads"),
        ("[C2 CompilerThre", "JIT compiler threads"),
        ("[GC Thread", "collector threads"),
        ("[G1 ", "collector threads"),
        ("[VM Thread", "collector threads"),
    ],
    "steps": [
        ("StepsBench.round", "other (the benchmark's loop)"),
        ("LeadRecord.decode", "record decode"),
        ("LeadRecord.encode", "record encode"),
        ("LeadSteps.apply", "step: other (duplicate check, record append)"),
        ("LeadReplay.resume", "step: continued replay"),
        ("ContributionRules.delta", "step: delta of a continued replay"),
        ("LeadSteps.replayWhole", "step: whole replay (a lead's first event, a late event)"),
        ("ReplayEnd.state", "step: states before and after"),
        ("StepsBench.round;dev/funnelstreams/core/metrics/CellTotals.add", "delta buffer add"),
        ("StepsBench.round;java/util/HashMap.get", "the store's stand-in (a HashMap)"),
        ("StepsBench.round;java/util/HashMap.put", "the store's stand-in (a HashMap)"),
        ("StepsBench.round;dev/funnelstreams/core/metrics/CellTotals.release", "delta buffer release"),
        ("StepsBench.events", "input generation (not clocked)"),
        ("[C1 CompilerThre", "JIT compiler threads"),
        ("[C2 CompilerThre", "JIT compiler threads"),
        ("[GC Thread", "collector threads"),
        ("[G1 ", "collector threads"),
    ],
}
OTHER = {
    "pipeline": "other (Kafka Streams: record dispatch, metrics, ...)",
    "report": "other (start-up, VM threads, idle pool threads, ...)",
    "steps": "other (start-up, VM threads, ...)",
}
STREAM_THREAD = "StreamThread-1 tid="


def main(kind, path):
    markers = SETS[kind]
    counts = collections.Counter()
    total = 0
    for line in open(path, encoding="utf-8"):
        stack, n = line.rsplit(" ", 1)
        if kind == "pipeline" and not (stack.startswith("[funnel-bench-pipeline") and STREAM_THREAD in stack):
            continue
        n = int(n)
        total += n
        best, depth = OTHER[kind], -1
        for marker, category in markers:
            at = stack.rfind(marker)
            if at >= 0 and at + len(marker) > depth:
                best, depth = category, at + len(marker)
        counts[best] += n
    if total == 0:
        sys.exit("no samples" + (" of the pipeline's stream thread (profile with threads)" if kind == "pipeline" else ""))
    print(f"| {kind}: category | share of {total:,} samples |")
    print("| --- | ---: |")
    for category, n in counts.most_common():
        print(f"| {category} | {100 * n / total:.1f} % |")


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in SETS:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
