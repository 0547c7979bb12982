package dev.funnelstreams.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnelstreams.core.config.FunnelConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the live trickle needs to know about the leads already sent: each lead's current stage and whether it is
 * still open, and the channels, campaigns, owners and industries seen, so that new events look like the history.
 * Read from canonical JSON lines; an approximation of the funnel's replay (it follows arrival order), which is all
 * a generator of plausible next moves needs.
 */
final class LeadBook {

    /** A lead's position as the trickle sees it. */
    static final class Lead {
        final String id;
        int stage;
        boolean open = true;
        String owner;

        Lead(String id, int stage, String owner) {
            this.id = id;
            this.stage = stage;
            this.owner = owner;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FunnelConfig config;
    private final Map<String, Lead> leads = new HashMap<>();
    private final List<Lead> open = new ArrayList<>();
    private final Set<String> channels = new LinkedHashSet<>();
    private final Map<String, Set<String>> campaigns = new HashMap<>();
    private final Set<String> owners = new LinkedHashSet<>();
    private final Set<String> industries = new LinkedHashSet<>();
    private long lines;

    LeadBook(FunnelConfig config) {
        this.config = config;
    }

    /** Takes one canonical JSON line into account; lines that are not lead events change nothing. */
    void accept(String line) {
        lines++;
        JsonNode e;
        try {
            e = JSON.readTree(line);
        } catch (Exception ex) {
            return; // not JSON: the connector rejects it with its line number; the book just skips it
        }
        if (e == null || !e.isObject()) {
            return;
        }
        String type = e.path("type").asText();
        String leadId = e.path("leadId").asText(null);
        if (type.equals("ChannelSpend")) {
            String channel = e.path("channel").asText(null);
            if (channel != null) {
                channels.add(channel);
                String campaign = e.path("campaign").asText("");
                campaigns.computeIfAbsent(channel, c -> new LinkedHashSet<>()).add(campaign);
            }
            return;
        }
        if (leadId == null) {
            return;
        }
        Lead lead = leads.get(leadId);
        switch (type) {
            case "LeadCreated" -> {
                String channel = text(e, "channel");
                if (channel != null) {
                    channels.add(channel);
                }
                String owner = text(e, "owner");
                if (owner != null) {
                    owners.add(owner);
                }
                String industry = text(e.path("customer"), "industry");
                if (industry != null) {
                    industries.add(industry);
                }
                if (lead == null) {
                    String stage = text(e, "stage");
                    int index = stage == null ? 0 : Math.max(0, config.stageIndex(stage));
                    put(new Lead(leadId, index, owner));
                }
            }
            case "StageChanged" -> {
                int index = config.stageIndex(e.path("toStage").asText());
                if (index < 0) {
                    return;
                }
                if (lead == null) {
                    put(new Lead(leadId, index, null));
                } else {
                    lead.stage = index;
                    if (!lead.open) {
                        lead.open = true;
                        open.add(lead);
                    }
                }
            }
            case "OwnerChanged" -> {
                if (lead != null) {
                    lead.owner = text(e, "owner");
                }
            }
            case "LeadLost" -> {
                if (lead != null) {
                    lead.open = false; // removed from the open list lazily, by the trickle's pick
                }
            }
            default -> {
                // ActivityLogged, LeadUpdated: no position change
            }
        }
    }

    private void put(Lead lead) {
        leads.put(lead.id, lead);
        open.add(lead);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.asText().isEmpty() ? null : v.asText();
    }

    /** An open lead picked by {@code r} (0 <= r < 1), or null when none is open. */
    Lead pickOpen(double r) {
        while (!open.isEmpty()) {
            int i = (int) (r * open.size());
            Lead lead = open.get(i);
            if (lead.open) {
                return lead;
            }
            // drop the closed entry by swapping in the last one (order does not matter)
            open.set(i, open.get(open.size() - 1));
            open.remove(open.size() - 1);
        }
        return null;
    }

    void add(Lead lead) {
        put(lead);
    }

    boolean known(String leadId) {
        return leads.containsKey(leadId);
    }

    int size() {
        return leads.size();
    }

    long lines() {
        return lines;
    }

    List<String> channels() {
        return List.copyOf(channels);
    }

    List<String> campaigns(String channel) {
        return List.copyOf(campaigns.getOrDefault(channel, Set.of("")));
    }

    List<String> owners() {
        return List.copyOf(owners);
    }

    List<String> industries() {
        return List.copyOf(industries);
    }
}
