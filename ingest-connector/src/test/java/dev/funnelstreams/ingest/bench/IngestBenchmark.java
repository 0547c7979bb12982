package dev.funnelstreams.ingest.bench;

import dev.funnelstreams.core.config.FunnelConfigLoader;
import dev.funnelstreams.ingest.connect.BenchRecords;
import dev.funnelstreams.ingest.mapping.Mapping;
import dev.funnelstreams.ingest.pipeline.EventGate;
import dev.funnelstreams.ingest.pipeline.FileImport;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Rows per second of the file connector's per-row work without the broker: CSV parsing, mapping,
 * validation through the core, Avro encoding into source records. Input: a synthetic
 * sales_pipeline.csv in the Maven CRM shape with the maven-crm mapping. Run with
 * {@code ./mvnw -B -pl ingest-connector -am test-compile exec:java@ingest-benchmark [-Dexec.args=ROWS]}.
 */
public final class IngestBenchmark {

    private IngestBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 400_000;
        Path dir = Files.createTempDirectory("ingest-bench");
        Files.writeString(dir.resolve("accounts.csv"), "account,sector\nCancity,retail\nIsdom,medical\n");
        Files.writeString(dir.resolve("products.csv"), "product,series,sales_price\nGTX Pro,GTX,4821\nMG Special,MG,55\n");
        Path csv = dir.resolve("sales_pipeline.csv");
        String[] stages = {"Won", "Lost", "Engaging", "Won", "Lost", "Prospecting"};
        try (BufferedWriter w = Files.newBufferedWriter(csv)) {
            w.write("opportunity_id,sales_agent,product,account,deal_stage,engage_date,close_date,close_value\n");
            for (int i = 0; i < rows; i++) {
                String stage = stages[i % stages.length];
                boolean closed = stage.equals("Won") || stage.equals("Lost");
                w.write("OPP" + i + ",Moses Frase," + (i % 2 == 0 ? "GTXPro" : "MG Special") + ","
                        + (i % 3 == 0 ? "" : "Cancity") + "," + stage + ","
                        + (stage.equals("Prospecting") ? "" : "2017-0" + (1 + i % 9) + "-1" + (i % 10)) + ","
                        + (closed ? "2017-10-2" + (i % 10) : "") + "," + (stage.equals("Won") ? 1000 + i % 5000 : closed ? "0" : "")
                        + "\n");
            }
        }
        // exec:java runs in the reactor's directory, a plain java command in the module's.
        Path module = Files.isDirectory(Path.of("mappings")) ? Path.of(".") : Path.of("ingest-connector");
        Mapping mapping = Mapping.load(module.resolve("mappings/maven-crm.yaml"), dir);
        EventGate gate = new EventGate(FunnelConfigLoader.load(module.resolve("src/test/resources/maven.yaml")),
                Clock.systemUTC());
        FileImport imp = new FileImport(mapping, gate);
        BenchRecords records = new BenchRecords();
        for (int round = 1; round <= 5; round++) {
            AtomicLong n = new AtomicLong();
            AtomicLong out = new AtomicLong();
            long t0 = System.nanoTime();
            imp.run(csv, 0, row -> {
                n.incrementAndGet();
                out.addAndGet(records.count(row));
            });
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("round %d: %d rows -> %d records in %.2f s = %.0f rows/s%n", round, n.get(), out.get(), s, n.get() / s);
        }
    }
}
