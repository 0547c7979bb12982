package dev.funnelstreams.core.event;

/** The customer company of a lead; {@code industry} is a dimension attribute. */
public record Customer(String name, String industry, String size) {
}
