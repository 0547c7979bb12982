package dev.funnelstreams.registry;

/**
 * The registry answered, but with a schema this client cannot use: a JSON Schema or Protobuf schema, an
 * Avro schema with references, or text that is no valid Avro. For a record's schema id that makes the
 * record bad data (a deserializer raises a SerializationException), not a registry outage.
 */
public class UnusableSchemaException extends SchemaRegistryException {

    private static final long serialVersionUID = 1L;

    public UnusableSchemaException(String message, String url) {
        super(message, NO_STATUS, NO_STATUS, url);
    }
}
