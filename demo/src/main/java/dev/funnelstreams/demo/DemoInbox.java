package dev.funnelstreams.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.funnelstreams.ingest.webhook.SignatureCheck;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The demo's alert receiver, {@code /demo/inbox} on the demo's HTTP port: the alert sink connector's generic
 * webhook posts here (HMAC-SHA256 over timestamp + "." + body, the scheme the webhook source accepts), and a
 * person opens the page to watch the messages arrive. POST takes a signed message (401 naming the reason when
 * the signature or timestamp is wrong); GET shows the newest {@link #KEEP} (a page that refreshes itself, or
 * JSON with {@code ?format=json}). Held in memory only: the demo's receiver, not a mailbox.
 */
final class DemoInbox implements HttpHandler {

    static final String PATH = "/demo/inbox";
    static final String SIGNATURE_HEADER = "X-Signature";
    static final String TIMESTAMP_HEADER = "X-Timestamp";
    static final String DEDUP_HEADER = "X-Funnel-Dedup-Key";
    static final int KEEP = 200;
    static final int MAX_BODY = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One received message: what a person reads, the de-duplication key and the raw body. */
    record Message(Instant receivedAt, String dedupKey, String text, String body) {
    }

    private final SignatureCheck check;
    private final Clock clock;
    private final Deque<Message> messages = new ConcurrentLinkedDeque<>();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();

    DemoInbox(String secret, Clock clock) {
        this.check = new SignatureCheck("hmac-sha256", secret, 300_000, clock);
        this.clock = clock;
    }

    long received() {
        return received.get();
    }

    long refused() {
        return refused.get();
    }

    /** Newest first. */
    List<Message> messages() {
        return new ArrayList<>(messages);
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try (ex) {
            switch (ex.getRequestMethod()) {
                case "POST" -> receive(ex);
                case "GET", "HEAD" -> show(ex);
                default -> reply(ex, 405, "text/plain", "GET or POST only");
            }
        }
    }

    private void receive(HttpExchange ex) throws IOException {
        byte[] body;
        try (InputStream in = ex.getRequestBody()) {
            body = in.readNBytes(MAX_BODY + 1);
        }
        if (body.length > MAX_BODY) {
            refused.incrementAndGet();
            reply(ex, 413, "text/plain", "body over " + MAX_BODY + " bytes");
            return;
        }
        String problem = check.problem(new SignatureCheck.Request("POST", ex.getRequestURI().toString(), body,
                ex.getRequestHeaders().getFirst(TIMESTAMP_HEADER), ex.getRequestHeaders().getFirst(SIGNATURE_HEADER)));
        if (problem != null) {
            refused.incrementAndGet();
            reply(ex, 401, "text/plain", problem);
            return;
        }
        String raw = new String(body, StandardCharsets.UTF_8);
        messages.addFirst(new Message(clock.instant(), ex.getRequestHeaders().getFirst(DEDUP_HEADER), text(raw), raw));
        while (messages.size() > KEEP) {
            messages.pollLast();
        }
        received.incrementAndGet();
        reply(ex, 200, "application/json", "{\"ok\":true}");
    }

    /** What a person reads: the body's {@code text} or {@code message} field, else the body itself. */
    static String text(String raw) {
        try {
            JsonNode node = JSON.readTree(raw);
            for (String field : List.of("text", "message")) {
                if (node != null && node.path(field).isTextual()) {
                    return node.path(field).asText();
                }
            }
        } catch (IOException e) {
            // not JSON: the body is the text
        }
        return raw;
    }

    private void show(HttpExchange ex) throws IOException {
        List<Message> now = messages();
        String query = ex.getRequestURI().getRawQuery();
        if (query != null && query.contains("format=json")) {
            ArrayNode out = JSON.createArrayNode();
            for (Message m : now) {
                out.addObject().put("receivedAt", m.receivedAt().toString()).put("dedupKey", m.dedupKey())
                        .put("text", m.text()).put("body", m.body());
            }
            reply(ex, 200, "application/json", JSON.writeValueAsString(out));
            return;
        }
        StringBuilder html = new StringBuilder(4096).append("<!doctype html><html lang=\"zh\"><head>")
                .append("<meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"3\">")
                .append("<title>funnel demo inbox</title><style>body{font-family:sans-serif;margin:2em}")
                .append("li{margin:.6em 0}small{color:#666}</style></head><body><h1>Alert inbox / 告警收件箱</h1>")
                .append("<p>").append(received.get()).append(" received, ").append(refused.get())
                .append(" refused (bad signature). Newest first; the last ").append(KEEP).append(" are kept.</p><ol>");
        for (Message m : now) {
            html.append("<li><small>").append(m.receivedAt()).append(" &middot; ").append(escape(m.dedupKey()))
                    .append("</small><br>").append(escape(m.text()).replace("\n", "<br>")).append("</li>");
        }
        reply(ex, 200, "text/html; charset=utf-8", html.append("</ol></body></html>").toString());
    }

    static String escape(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static void reply(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
