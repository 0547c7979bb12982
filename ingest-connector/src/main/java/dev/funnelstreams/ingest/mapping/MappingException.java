package dev.funnelstreams.ingest.mapping;

/** A mapping file that cannot be used; the message starts with the offending key path. */
public final class MappingException extends RuntimeException {

    public MappingException(String key, String problem) {
        super(key + ": " + problem);
    }
}
