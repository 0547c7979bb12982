package dev.funnelstreams.ingest.mapping;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fields a mapping may fill per canonical event type (SPEC section 2), their kinds, and which
 * are required. Nested fields use dotted names ({@code customer.industry}).
 */
enum EventShape {
    LeadCreated(Map.of("channel", FieldKind.TEXT, "campaign", FieldKind.TEXT, "owner", FieldKind.TEXT,
            "stage", FieldKind.TEXT, "estimatedValue", FieldKind.MONEY, "tier", FieldKind.TEXT),
            List.of("customer.name", "customer.industry", "customer.size",
                    "contact.name", "contact.title", "contact.phone")),
    StageChanged(Map.of("toStage", FieldKind.TEXT, "fromStage", FieldKind.TEXT, "note", FieldKind.TEXT,
            "amount", FieldKind.MONEY), List.of()),
    ActivityLogged(Map.of("activity", FieldKind.TEXT, "note", FieldKind.TEXT), List.of()),
    OwnerChanged(Map.of("owner", FieldKind.TEXT), List.of()),
    LeadUpdated(Map.of("estimatedValue", FieldKind.MONEY, "tier", FieldKind.TEXT, "industry", FieldKind.TEXT),
            List.of()),
    LeadLost(Map.of("reason", FieldKind.TEXT, "detail", FieldKind.TEXT), List.of()),
    ChannelSpend(Map.of("channel", FieldKind.TEXT, "campaign", FieldKind.TEXT, "date", FieldKind.DATE,
            "amount", FieldKind.MONEY, "currency", FieldKind.TEXT, "reportedAt", FieldKind.INSTANT), List.of());

    private final Map<String, FieldKind> fields = new LinkedHashMap<>();

    EventShape(Map<String, FieldKind> own, List<String> nestedText) {
        fields.put("eventId", FieldKind.TEXT);
        if (!isSpend()) {
            fields.put("leadId", FieldKind.TEXT);
            fields.put("occurredAt", FieldKind.INSTANT);
        }
        fields.putAll(own);
        nestedText.forEach(f -> fields.put(f, FieldKind.TEXT));
    }

    boolean isSpend() {
        return name().equals("ChannelSpend");
    }

    /** Field name to kind, in a stable order. */
    Map<String, FieldKind> fields() {
        return fields;
    }

    /** Fields without which the event cannot be built (eventId has a default). */
    Set<String> required() {
        return switch (this) {
            case ChannelSpend -> Set.of("channel", "date", "amount");
            case StageChanged -> Set.of("leadId", "occurredAt", "toStage");
            default -> Set.of("leadId", "occurredAt");
        };
    }
}
