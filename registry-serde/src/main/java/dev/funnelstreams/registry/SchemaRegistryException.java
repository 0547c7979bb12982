package dev.funnelstreams.registry;

import org.apache.kafka.common.KafkaException;

/**
 * A failed Schema Registry call. Carries the HTTP status and the registry's {@code error_code}
 * (both {@link #NO_STATUS} when no response arrived) and the URL that was asked.
 */
public class SchemaRegistryException extends KafkaException {

    /** Status and error code of a call that got no HTTP response at all. */
    public static final int NO_STATUS = -1;

    private final int status;
    private final int errorCode;
    private final String url;

    public SchemaRegistryException(String message, int status, int errorCode, String url, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.errorCode = errorCode;
        this.url = url;
    }

    public SchemaRegistryException(String message, int status, int errorCode, String url) {
        this(message, status, errorCode, url, null);
    }

    /** HTTP status of the registry's answer, or {@link #NO_STATUS}. */
    public int status() {
        return status;
    }

    /** The registry's {@code error_code} (e.g. 40403), or {@link #NO_STATUS} when it sent none. */
    public int errorCode() {
        return errorCode;
    }

    /** The registry URL the failed call went to (for several URLs: all of them). */
    public String url() {
        return url;
    }

    /** True when the same call may succeed later without anyone changing anything. */
    public boolean isRetriable() {
        return false;
    }
}
