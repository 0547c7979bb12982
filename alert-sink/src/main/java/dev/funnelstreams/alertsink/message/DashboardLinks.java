package dev.funnelstreams.alertsink.message;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Links into the dashboard: {@code {base}/#lead={leadId}}, or the base itself for an alert without lead. */
public final class DashboardLinks {

    private final String base;

    /** {@code base} empty: no links. */
    public DashboardLinks(String base) {
        String b = base == null ? "" : base.strip();
        this.base = b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
    }

    /** The lead's page, the dashboard when {@code leadId} is null, or null without a base URL. */
    public String lead(String leadId) {
        if (base.isEmpty()) {
            return null;
        }
        return leadId == null ? home() : base + "/#lead=" + URLEncoder.encode(leadId, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public String home() {
        return base.isEmpty() ? null : base + "/";
    }
}
