package dev.funnelstreams.alertsink;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * A real HTTP endpoint on 127.0.0.1 that records every request and answers from a script (then with
 * the default answer): the stand-in for a robot's or webhook's server.
 */
public final class Receiver implements AutoCloseable {

    /** One request as the server saw it. */
    public record Request(String method, URI uri, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    /** One scripted answer. */
    public record Answer(int status, Map<String, String> headers, String body) {
    }

    private final HttpServer server;
    private final List<Request> requests = new ArrayList<>();
    private final Deque<Answer> script = new ArrayDeque<>();
    private volatile Answer fallback;
    private volatile long delayMs;

    public Receiver(String defaultBody) throws IOException {
        this.fallback = new Answer(200, Map.of(), defaultBody);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", ex -> {
            byte[] in;
            try (InputStream is = ex.getRequestBody()) {
                in = is.readAllBytes();
            }
            URI full = URI.create("http://127.0.0.1" + ex.getRequestURI());
            Answer a;
            synchronized (this) {
                requests.add(new Request(ex.getRequestMethod(), full, Map.copyOf(ex.getRequestHeaders()),
                        new String(in, StandardCharsets.UTF_8)));
                a = script.isEmpty() ? fallback : script.poll();
            }
            if (delayMs > 0) {
                try {
                    Thread.sleep(delayMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] out = a.body().getBytes(StandardCharsets.UTF_8);
            a.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
            ex.sendResponseHeaders(a.status(), out.length == 0 ? -1 : out.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(out);
            }
        });
        server.start();
    }

    public String url(String pathAndQuery) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery;
    }

    public synchronized void then(int status, Map<String, String> headers, String body) {
        script.add(new Answer(status, headers, body));
    }

    public void answerByDefault(int status, String body) {
        fallback = new Answer(status, Map.of(), body);
    }

    public void delay(long ms) {
        delayMs = ms;
    }

    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    public Request only() {
        List<Request> r = requests();
        if (r.size() != 1) {
            throw new AssertionError("expected one request, got " + r.size());
        }
        return r.get(0);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
