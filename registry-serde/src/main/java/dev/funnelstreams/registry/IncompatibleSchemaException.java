package dev.funnelstreams.registry;

/**
 * The registry refused to register a schema because it breaks the subject's compatibility rule
 * (HTTP 409; error_code 409 on Confluent and Karapace, 40901 on some others).
 */
public class IncompatibleSchemaException extends SchemaRegistryException {

    public IncompatibleSchemaException(String message, int status, int errorCode, String url) {
        super(message, status, errorCode, url);
    }
}
