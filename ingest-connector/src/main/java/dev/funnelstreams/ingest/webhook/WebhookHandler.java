package dev.funnelstreams.ingest.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.funnelstreams.ingest.connect.RecordFactory;
import dev.funnelstreams.ingest.pipeline.MappedRow;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One push: size limit (413), signature and timestamp (401), mapping (400 with the reasons),
 * room in the queue (503 + Retry-After), then 200 only once Kafka acknowledged every record
 * (503 + Retry-After when that takes longer than the acknowledgement timeout).
 */
final class WebhookHandler implements HttpHandler {

    private static final Logger log = LoggerFactory.getLogger(WebhookHandler.class);

    private final WebhookSourceConfig config;
    private final SignatureCheck signatures;
    private final PushMapper mapper;
    private final RecordFactory records;
    private final PushQueue queue;
    private final Map<String, Object> partition;

    WebhookHandler(WebhookSourceConfig config, SignatureCheck signatures, PushMapper mapper, RecordFactory records,
            PushQueue queue) {
        this.config = config;
        this.signatures = signatures;
        this.mapper = mapper;
        this.records = records;
        this.queue = queue;
        this.partition = Map.of("webhook", config.getString(WebhookSourceConfig.PATH));
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try (ex) {
            if (!ex.getRequestMethod().equals("POST")) {
                reply(ex, 405, "only POST is accepted");
                return;
            }
            int max = config.getInt(WebhookSourceConfig.MAX_BODY_BYTES);
            byte[] body = readAtMost(ex.getRequestBody(), max);
            if (body == null) {
                reply(ex, 413, "body larger than " + max + " bytes");
                return;
            }
            String why = signatures.problem(new SignatureCheck.Request(ex.getRequestMethod(), requestUri(ex), body,
                    ex.getRequestHeaders().getFirst(config.timestampHeader()),
                    ex.getRequestHeaders().getFirst(config.signatureHeader())));
            if (why != null) {
                log.warn("refused push from {}: {}", ex.getRemoteAddress().getAddress(), why);
                reply(ex, 401, why);
                return;
            }
            PushMapper.Result mapped = mapper.map(body);
            if (!mapped.problems().isEmpty()) {
                reply(ex, 400, String.join("\n", mapped.problems()));
                return;
            }
            List<SourceRecord> out = new ArrayList<>();
            String source = config.getString(WebhookSourceConfig.SOURCE_NAME);
            for (MappedRow row : mapped.rows()) {
                out.addAll(records.records(partition, source, row, row.line() - 1));
            }
            PendingPush push = new PendingPush(out.size());
            if (!queue.offer(out, push)) {
                ex.getResponseHeaders().set("Retry-After", "1");
                reply(ex, 503, "busy: too many records waiting for Kafka, retry later");
                return;
            }
            switch (awaitAcks(push)) {
                case WRITTEN -> {
                    ex.getResponseHeaders().set("Content-Type", "application/json");
                    reply(ex, 200, "{\"items\":" + mapped.rows().size() + ",\"records\":" + out.size() + "}");
                }
                case NOT_WRITTEN -> {
                    ex.getResponseHeaders().set("Retry-After", "5");
                    reply(ex, 503, push.unwritten() + " of " + out.size() + " records did not reach Kafka; retrying"
                            + " is safe (eventIds deduplicate)");
                }
                case TIMED_OUT -> {
                    ex.getResponseHeaders().set("Retry-After", "5");
                    reply(ex, 503, "Kafka has not acknowledged the records yet; retrying is safe (eventIds"
                            + " deduplicate)");
                }
            }
        }
    }

    private PendingPush.Outcome awaitAcks(PendingPush push) {
        try {
            return push.await(config.getLong(WebhookSourceConfig.ACK_TIMEOUT_MS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return PendingPush.Outcome.TIMED_OUT;
        }
    }

    private String requestUri(HttpExchange ex) {
        String configured = config.getString(WebhookSourceConfig.PUBLIC_URL);
        if (!configured.isBlank()) {
            return configured;
        }
        return "http://" + ex.getRequestHeaders().getFirst("Host") + ex.getRequestURI();
    }

    /** The body, or null when it is longer than {@code max}. */
    private static byte[] readAtMost(InputStream in, int max) throws IOException {
        byte[] b = in.readNBytes(max + 1);
        return b.length > max ? null : b;
    }

    private static void reply(HttpExchange ex, int status, String text) throws IOException {
        byte[] b = (text + "\n").getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }
}
