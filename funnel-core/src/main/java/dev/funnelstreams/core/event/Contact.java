package dev.funnelstreams.core.event;

/** The contact person: personal data that stays in the input topic (never stored or emitted). */
public record Contact(String name, String title, String phone) {
}
