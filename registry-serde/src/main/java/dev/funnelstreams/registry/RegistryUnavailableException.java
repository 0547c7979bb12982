package dev.funnelstreams.registry;

/**
 * No registry URL answered successfully after all retries: connection refused, timeouts, 5xx,
 * 408 or 429. Transient: the caller should retry or stop, never treat the record as bad data.
 */
public class RegistryUnavailableException extends SchemaRegistryException {

    public RegistryUnavailableException(String message, int status, int errorCode, String url, Throwable cause) {
        super(message, status, errorCode, url, cause);
    }

    @Override
    public boolean isRetriable() {
        return true;
    }
}
