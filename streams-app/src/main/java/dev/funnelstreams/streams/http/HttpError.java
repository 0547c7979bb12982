package dev.funnelstreams.streams.http;

/** A request that ends with an error status and a one-line message for the caller. */
final class HttpError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    HttpError(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    static HttpError badRequest(String message) {
        return new HttpError(400, message);
    }

    static HttpError notFound(String message) {
        return new HttpError(404, message);
    }

    /** The data is not readable right now (rebalancing, an instance unreachable): try again shortly. */
    static HttpError unavailable(String message) {
        return new HttpError(503, message);
    }

    int status() {
        return status;
    }
}
