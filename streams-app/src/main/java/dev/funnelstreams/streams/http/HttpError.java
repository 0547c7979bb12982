package dev.funnelstreams.streams.http;

/** A request that ends with an error status and a one-line message for the caller. */
final class HttpError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final boolean notReadable;

    HttpError(int status, String message) {
        this(status, message, false);
    }

    private HttpError(int status, String message, boolean notReadable) {
        super(message, null, false, false);
        this.status = status;
        this.notReadable = notReadable;
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

    /**
     * A 503 for store partitions that this app has assigned but cannot read yet (a task still being
     * handed over or restoring): usually readable within a second, so {@link HandoverWait} asks again.
     */
    static HttpError notReadable(String message) {
        return new HttpError(503, message, true);
    }

    int status() {
        return status;
    }

    /** True for {@link #notReadable}: worth asking again shortly on this instance. */
    boolean isNotReadable() {
        return notReadable;
    }
}
