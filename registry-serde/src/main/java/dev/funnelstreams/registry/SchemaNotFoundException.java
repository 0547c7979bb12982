package dev.funnelstreams.registry;

/**
 * The registry does not know the schema id, subject or schema asked for
 * (HTTP 404; error_code 40401 subject, 40402 version, 40403 schema).
 */
public class SchemaNotFoundException extends SchemaRegistryException {

    public SchemaNotFoundException(String message, int status, int errorCode, String url) {
        super(message, status, errorCode, url);
    }
}
