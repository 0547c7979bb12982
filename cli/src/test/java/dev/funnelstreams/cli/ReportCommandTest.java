package dev.funnelstreams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {

    private static final String CONFIG = """
            funnel:
              timezone: Asia/Shanghai
              currency: CNY
              stages:
                - {id: lead,        name: 线索获取, stallAfter: P14D}
                - {id: discovery,   name: 需求挖掘, stallAfter: P30D}
                - {id: proposal,    name: 方案呈现, stallAfter: P21D}
                - {id: negotiation, name: 商务谈判, stallAfter: P14D}
                - {id: won,         name: 签约成交, won: true}
                - {id: repurchase,  name: 售后复购}
              opportunityStage: discovery
              tiers:
                A: {minValue: 500000, followUpEvery: P1D}
                B: {minValue: 100000, followUpEvery: P3D}
                C: {minValue: 0,      followUpEvery: P7D}
              periods: [WEEK, MONTH, QUARTER]
              dimensions: [channel, owner, tier, industry]
              conversionWindow: P90D
              targets:
                2026-Q1: {lead: 10, discovery: 2, won: 1}
            """;

    private static final List<String> EVENTS = List.of(
            "{\"eventId\":\"e-1\",\"type\":\"LeadCreated\",\"leadId\":\"L-1\",\"occurredAt\":\"2026-03-02T09:30:00+08:00\","
                    + "\"channel\":\"expo\",\"owner\":\"zhang.wei\",\"estimatedValue\":\"200000.00\"}",
            "",
            "{\"eventId\":\"e-2\",\"type\":\"StageChanged\",\"leadId\":\"L-1\",\"occurredAt\":\"2026-03-04T09:30:00+08:00\","
                    + "\"toStage\":\"discovery\"}",
            "{\"eventId\":\"e-2\",\"type\":\"StageChanged\",\"leadId\":\"L-1\",\"occurredAt\":\"2026-03-04T09:30:00+08:00\","
                    + "\"toStage\":\"discovery\"}",
            "not json",
            "{\"eventId\":\"s-1\",\"type\":\"ChannelSpend\",\"channel\":\"expo\",\"date\":\"2026-03-02\",\"amount\":\"500.00\"}");

    @Test
    void writesEveryTopicFileFromAGzipFile(@TempDir Path dir) throws IOException {
        Path config = Files.writeString(dir.resolve("funnel.yaml"), CONFIG);
        Path events = dir.resolve("events.jsonl.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(events))) {
            out.write(String.join("\n", EVENTS).getBytes(StandardCharsets.UTF_8));
        }
        Path out = dir.resolve("out");
        int code = FunnelCli.run("report", "--config", config.toString(), "--events", events.toString(),
                "--as-of", "2026-04-03T09:30:00+08:00", "--out", out.toString());
        assertThat(code).as("done with one rejected line").isEqualTo(1);
        assertThat(Files.readAllLines(out.resolve("rejected.jsonl"))).hasSize(1).allMatch(l -> l.startsWith("{\"line\":5,"));
        assertThat(Files.readAllLines(out.resolve("lead-state.jsonl"))).hasSize(1);
        assertThat(Files.readAllLines(out.resolve("alerts.jsonl"))).hasSize(2);
        assertThat(Files.readAllLines(out.resolve("target-progress.jsonl"))).hasSize(3);
        assertThat(Files.readString(out.resolve("channel-costs.jsonl"))).contains("\"spend\":\"500.00\"");
    }

    @Test
    void writesTheSameFilesWithAnyNumberOfThreads(@TempDir Path dir) throws IOException {
        Path config = Files.writeString(dir.resolve("funnel.yaml"), CONFIG);
        Path events = Files.writeString(dir.resolve("events.jsonl"), String.join("\n", EVENTS));
        for (String threads : List.of("1", "3")) {
            assertThat(FunnelCli.run("report", "--config", config.toString(), "--events", events.toString(),
                    "--as-of", "2026-04-03T09:30:00+08:00", "--threads", threads,
                    "--out", dir.resolve("out-" + threads).toString())).isEqualTo(1);
        }
        try (var files = Files.list(dir.resolve("out-1"))) {
            for (Path f : files.toList()) {
                assertThat(Files.readAllBytes(dir.resolve("out-3").resolve(f.getFileName()))).as(f.toString())
                        .isEqualTo(Files.readAllBytes(f));
            }
        }
        assertThat(FunnelCli.run("report", "--config", config.toString(), "--events", events.toString(),
                "--threads", "0", "--out", dir.resolve("o").toString())).as("--threads 0").isEqualTo(2);
    }

    @Test
    void failsWithOneLineOnABadAsOf(@TempDir Path dir) throws IOException {
        Path config = Files.writeString(dir.resolve("funnel.yaml"), CONFIG);
        Path events = Files.writeString(dir.resolve("e.jsonl"), "");
        assertThat(FunnelCli.run("report", "--config", config.toString(), "--events", events.toString(),
                "--as-of", "yesterday", "--out", dir.resolve("o").toString())).isEqualTo(2);
        assertThat(FunnelCli.run("report", "--config", dir.resolve("missing.yaml").toString(), "--events",
                events.toString(), "--out", dir.resolve("o").toString())).isEqualTo(2);
    }
}
