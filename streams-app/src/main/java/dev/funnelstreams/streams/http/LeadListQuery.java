package dev.funnelstreams.streams.http;

import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.config.StageDef;
import dev.funnelstreams.core.config.TierDef;
import dev.funnelstreams.core.lead.LeadState;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The filters and page of {@code GET /api/leads}: leads whose current state matches every filter
 * given, in leadId order (UTF-8 bytes, the lead store's own key order), after the cursor, at most
 * {@code limit}. It travels to the other instances as the scan's select parameters.
 *
 * @param after the last leadId of the previous page (decoded from its cursor), or null for the first page
 */
record LeadListQuery(String stage, String owner, String tier, String channel, Boolean active, int limit,
        String after) {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    /** The query of a request; a 400 naming the parameter when one is not valid for this funnel. */
    static LeadListQuery of(Request r, FunnelConfig config) {
        Optional<String> stage = r.param("stage");
        List<String> stages = config.stages().stream().map(StageDef::id).toList();
        stage.ifPresent(s -> {
            if (!stages.contains(s)) {
                throw HttpError.badRequest("stage: \"" + s + "\" (allowed: " + String.join(", ", stages) + ")");
            }
        });
        Optional<String> tier = r.param("tier");
        List<String> tiers = config.tiers().stream().map(TierDef::name).toList();
        tier.ifPresent(t -> {
            if (!tiers.contains(t)) {
                throw HttpError.badRequest("tier: \"" + t + "\" (allowed: " + String.join(", ", tiers) + ")");
            }
        });
        Boolean active = r.param("active").map(a -> switch (a) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw HttpError.badRequest("active: \"" + a + "\" (allowed: true, false)");
        }).orElse(null);
        int limit = r.param("limit").map(LeadListQuery::limit).orElse(DEFAULT_LIMIT);
        String after = r.param("after").map(LeadListQuery::decodeCursor).orElse(null);
        return new LeadListQuery(stage.orElse(null), r.param("owner").orElse(null), tier.orElse(null),
                r.param("channel").orElse(null), active, limit, after);
    }

    /** Whether a lead's current state passes the filters (not the page). */
    boolean matches(LeadState s) {
        return s.enteredFunnel()
                && (stage == null || stage.equals(s.stage()))
                && (owner == null || owner.equals(s.owner()))
                && (tier == null || tier.equals(s.tier()))
                && (channel == null || channel.equals(s.channel()))
                && (active == null || active == s.active());
    }

    /** The cursor that continues after {@code leadId}: base64url of its UTF-8 bytes, so any leadId fits a URL. */
    static String cursor(String leadId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(leadId.getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeCursor(String cursor) {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("after: \"" + cursor + "\" is not a cursor (use the next of the previous page)");
        }
    }

    private static int limit(String text) {
        try {
            int n = Integer.parseInt(text);
            if (n >= 1 && n <= MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the message below names the parameter and its range
        }
        throw HttpError.badRequest("limit: \"" + text + "\" (allowed: 1.." + MAX_LIMIT + ")");
    }

    /** As the scan's select parameters (for another instance's reader). */
    Map<String, String> select() {
        Map<String, String> m = new LinkedHashMap<>();
        put(m, "stage", stage);
        put(m, "owner", owner);
        put(m, "tier", tier);
        put(m, "channel", channel);
        put(m, "active", active == null ? null : active.toString());
        put(m, "after", after);
        m.put("limit", Integer.toString(limit));
        return m;
    }

    /** The inverse of {@link #select}. */
    static LeadListQuery ofSelect(Map<String, String> m) {
        String active = m.get("active");
        return new LeadListQuery(m.get("stage"), m.get("owner"), m.get("tier"), m.get("channel"),
                active == null ? null : Boolean.valueOf(active), Integer.parseInt(m.getOrDefault("limit",
                        Integer.toString(DEFAULT_LIMIT))), m.get("after"));
    }

    private static void put(Map<String, String> m, String k, String v) {
        if (v != null) {
            m.put(k, v);
        }
    }
}
