package dev.funnelstreams.streams.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A GET endpoint: reads a {@link Request}, answers a {@link Reply}; errors become JSON error replies. */
@FunctionalInterface
interface Route {

    Logger LOG = LoggerFactory.getLogger(Route.class);

    Reply handle(Request request);

    /** This route as a JDK handler, answering only its exact path (a context also matches longer paths). */
    static HttpHandler exact(String path, Route route) {
        return prefix(path, request -> {
            if (!request.path().equals(path)) {
                throw HttpError.notFound("no such endpoint: " + request.path());
            }
            return route.handle(request);
        });
    }

    /** This route as a JDK handler for every path under its context. */
    static HttpHandler prefix(String path, Route route) {
        return exchange -> {
            Reply reply;
            try {
                if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
                    reply = Reply.error(405, exchange.getRequestMethod() + " not allowed (GET only)")
                            .withHeader("Allow", "GET, HEAD");
                } else {
                    reply = route.handle(new Request(exchange));
                }
            } catch (HttpError e) {
                reply = Reply.error(e.status(), e.getMessage());
                if (e.status() == 503) {
                    reply = reply.withHeader("Retry-After", "1");
                }
            } catch (RuntimeException e) {
                // a bug: the caller gets a 500 with no details, the log gets the stack trace
                LOG.error("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI().getPath(), e);
                reply = Reply.error(500, "internal error (see the app's log)");
            }
            send(exchange, reply);
        };
    }

    static void send(HttpExchange exchange, Reply reply) throws IOException {
        try (exchange) {
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            exchange.getResponseHeaders().set("Content-Type", reply.contentType());
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            boolean head = exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(reply.status(), head || reply.body().length == 0 ? -1 : reply.body().length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(reply.body());
                }
            }
        }
    }
}
