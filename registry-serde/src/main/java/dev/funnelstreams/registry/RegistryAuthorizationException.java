package dev.funnelstreams.registry;

/** The registry rejected the credentials (HTTP 401) or denied the operation (HTTP 403). */
public class RegistryAuthorizationException extends SchemaRegistryException {

    public RegistryAuthorizationException(String message, int status, int errorCode, String url) {
        super(message, status, errorCode, url);
    }
}
