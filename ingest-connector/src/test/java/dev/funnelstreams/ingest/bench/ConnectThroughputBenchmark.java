package dev.funnelstreams.ingest.bench;

import dev.funnelstreams.ingest.connect.StandaloneWorker;
import dev.funnelstreams.testkit.ApicurioRegistry;
import dev.funnelstreams.testkit.EmbeddedKafkaBroker;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * End-to-end rows per second of the file connector in a standalone worker: a synthetic export
 * lands in the watched directory, the clock stops when the file has been moved aside (every
 * record acknowledged by the broker). Embedded broker and Apicurio share the machine. Run with
 * {@code ./mvnw -B -pl ingest-connector -am test-compile exec:java@connect-benchmark [-Dexec.args=ROWS]}.
 */
public final class ConnectThroughputBenchmark {

    private ConnectThroughputBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 300_000;
        Path dir = Files.createTempDirectory("connect-bench");
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.writeString(dir.resolve("m.yaml"), """
                files:
                  - match: "deals*.csv"
                    events:
                      - type: LeadCreated
                        eventId: "c-${id}"
                        leadId: "L-${id}"
                        occurredAt: {column: created, format: yyyy-MM-dd}
                        channel: {column: source, ifEmpty: unknown}
                        owner: "${owner}"
                      - type: StageChanged
                        when: {column: won, notEmpty: true}
                        eventId: "w-${id}"
                        leadId: "L-${id}"
                        occurredAt: {column: won, format: yyyy-MM-dd}
                        toStage: won
                        amount: "${amount}"
                """);
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
                ApicurioRegistry registry = ApicurioRegistry.start()) {
            for (String t : new String[] {"bench-events", "bench-spend", "bench-rejected"}) {
                broker.createTopic(t, 3, Map.of());
            }
            Map<String, String> c = new HashMap<>();
            c.put("input.path", in.toString());
            c.put("finished.path", dir.resolve("done").toString());
            c.put("mapping.file", dir.resolve("m.yaml").toString());
            c.put("file.min.age.ms", "0");
            c.put("poll.interval.ms", "50");
            c.put("topic.lead.events", "bench-events");
            c.put("topic.channel.spend", "bench-spend");
            c.put("topic.rejected", "bench-rejected");
            c.put("schema.registry.url", registry.registryUrl());
            c.put("producer.override.linger.ms", "20");
            c.put("producer.override.batch.size", "262144");
            try (StandaloneWorker w = new StandaloneWorker(broker.bootstrapServers(), dir.resolve("offsets"))) {
                w.startConnector("bench", c);
                for (int round = 1; round <= 3; round++) {
                    Path tmp = dir.resolve("deals-" + round + ".tmp");
                    try (BufferedWriter out = Files.newBufferedWriter(tmp)) {
                        out.write("id,created,source,owner,won,amount\n");
                        for (int i = 0; i < rows; i++) {
                            out.write(round + "-" + i + ",2026-03-0" + (1 + i % 9) + "," + (i % 7 == 0 ? "" : "expo")
                                    + ",owner-" + (i % 40) + "," + (i % 3 == 0 ? "2026-04-01" : "") + ","
                                    + (i % 3 == 0 ? "1200.50" : "") + "\n");
                        }
                    }
                    long t0 = System.nanoTime();
                    Files.move(tmp, in.resolve("deals-" + round + ".csv"));
                    Path done = dir.resolve("done/deals-" + round + ".csv");
                    while (!Files.exists(done)) {
                        Thread.sleep(20);
                    }
                    double s = (System.nanoTime() - t0) / 1e9;
                    System.out.printf("round %d: %d rows (%d records) in %.2f s = %.0f rows/s%n",
                            round, rows, rows + (rows + 2) / 3, s, rows / s);
                }
            }
        }
    }
}
