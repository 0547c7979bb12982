package dev.funnelstreams.core.metrics.view;

/** Key of funnel.lead-state. */
public record LeadStateKey(String leadId) {
}
