package dev.funnelstreams.registry;

/**
 * Confluent's default subject naming: {@code <topic>-key} and {@code <topic>-value}. The only
 * strategy supported; it is what Confluent, Karapace, Redpanda and Apicurio clients default to.
 */
public final class TopicNameStrategy {

    private TopicNameStrategy() {
    }

    public static String subject(String topic, boolean isKey) {
        return topic + (isKey ? "-key" : "-value");
    }
}
