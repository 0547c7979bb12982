package dev.funnelstreams.core.report;

import dev.funnelstreams.core.metrics.view.OutputRecord;
import dev.funnelstreams.core.metrics.view.OutputTopic;
import dev.funnelstreams.core.metrics.view.RecordJson;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes a batch result as SPEC section 7 files: one {@code X.jsonl} per topic plus {@code rejected.jsonl}. */
public final class ReportWriter {

    public static final String REJECTED_FILE = "rejected.jsonl";

    private ReportWriter() {
    }

    /** Writes every topic file (empty when the topic has no records) and the rejections into {@code dir}. */
    public static void write(BatchResult result, Path dir) throws IOException {
        Files.createDirectories(dir);
        for (OutputTopic topic : OutputTopic.values()) {
            try (Writer w = writer(dir.resolve(topic.fileName()))) {
                for (OutputRecord r : result.records().getOrDefault(topic, List.of())) {
                    w.write(RecordJson.line(r));
                    w.write('\n');
                }
            }
        }
        try (Writer w = writer(dir.resolve(REJECTED_FILE))) {
            for (Rejection r : result.rejections()) {
                w.write(RecordJson.write(r));
                w.write('\n');
            }
        }
    }

    private static Writer writer(Path file) throws IOException {
        return new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16);
    }
}
